"""A throw-away PostgreSQL + PostGIS server for the tests: initdb in a temporary folder, listening
only on a Unix socket in that folder (no TCP port), stopped and removed on exit — also when the
test fails. initdb and postgres refuse to run as root: as root they run as the `postgres` system
user (created by Debian's postgresql package) through runuser, with the folder given to that
user; as any other user they run directly.

    with PgServer() as pg:
        pg.load("data/baseline.gpkg", "zones_before")   # ogr2ogr-equivalent (GDAL Python)
        conn = pg.connection(tables="zones_before")     # 'PG:dbname=reserve host=/tmp/… …'

If the server cannot start, PgServer raises RuntimeError with initdb's / postgres's own output:
the tests fail with that reason, they are never skipped."""
import os
import shutil
import subprocess
import tempfile

PG_BIN = "/usr/lib/postgresql/15/bin"  # Debian's; an unrelated pg_ctl may be earlier on PATH
DBNAME = "reserve"
SUPERUSER = "reserve"


class PgServer:
    def __init__(self):
        self.dir = None
        self._as_root = os.geteuid() == 0
        self._started = False

    # -- running the server's programs -------------------------------------------------------
    def _run(self, *args, check=True):
        cmd = list(args)
        if self._as_root:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        if check and proc.returncode != 0:
            raise RuntimeError(f"PostgreSQL test server: {' '.join(cmd)} exited "
                               f"{proc.returncode}:\n{proc.stdout}\n{proc.stderr}" +
                               self._log_tail())
        return proc

    def _log_tail(self):
        log = os.path.join(self.dir or "", "server.log")
        if self.dir and os.path.exists(log):
            with open(log, encoding="utf-8", errors="replace") as f:
                return "\nserver.log:\n" + f.read()[-3000:]
        return ""

    def psql(self, sql, dbname=DBNAME):
        """Runs SQL through psql; returns its unaligned, tuples-only output."""
        return self._run(f"{PG_BIN}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-A", "-t",
                         "-h", self.dir, "-U", SUPERUSER, "-d", dbname, "-c", sql).stdout

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self):
        for tool in ("initdb", "pg_ctl", "postgres", "psql"):
            if not os.access(f"{PG_BIN}/{tool}", os.X_OK):
                raise RuntimeError(f"PostgreSQL test server: {PG_BIN}/{tool} is missing; "
                                   "run tools/install-deps.sh (postgresql-15, "
                                   "postgresql-15-postgis-3)")
        # A short path: a Unix socket path must stay under 108 bytes.
        self.dir = tempfile.mkdtemp(prefix="reserve-pg-", dir="/tmp")
        if self._as_root:
            shutil.chown(self.dir, user="postgres", group="postgres")
        data = os.path.join(self.dir, "data")
        self._run(f"{PG_BIN}/initdb", "-D", data, "-A", "trust", "-U", SUPERUSER, "-E", "UTF8",
                  "--locale=C", "--no-sync")
        # No TCP at all (listen_addresses=''); the socket lives in our folder; fsync off: the data
        # is thrown away.
        self._run(f"{PG_BIN}/pg_ctl", "-D", data, "-l", os.path.join(self.dir, "server.log"),
                  "-w", "-t", "30", "-o",
                  f"-k {self.dir} -c listen_addresses='' -c fsync=off", "start")
        self._started = True
        self.psql(f"CREATE DATABASE {DBNAME}", dbname="postgres")
        self.psql("CREATE EXTENSION postgis")
        return self

    def stop(self):
        try:
            if self._started:
                self._run(f"{PG_BIN}/pg_ctl", "-D", os.path.join(self.dir, "data"), "-m",
                          "immediate", "-w", "stop", check=False)
        finally:
            self._started = False
            if self.dir:
                shutil.rmtree(self.dir, ignore_errors=True)
                self.dir = None

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()

    # -- data ----------------------------------------------------------------------------------
    def connection(self, **options):
        """GDAL connection string, e.g. connection(tables="zones_before")."""
        extra = "".join(f" {k}={v}" for k, v in options.items())
        return f"PG:dbname={DBNAME} host={self.dir} user={SUPERUSER}{extra}"

    def load(self, path, table, layer=None):
        """Copies one layer of a file into a new table (as `ogr2ogr -f PostgreSQL` does)."""
        from osgeo import gdal
        gdal.UseExceptions()
        options = gdal.VectorTranslateOptions(
            format="PostgreSQL", layerName=table, layers=[layer] if layer else None,
            accessMode=None, layerCreationOptions=["GEOMETRY_NAME=geom", "FID=fid"])
        out = gdal.VectorTranslate(self.connection(), path, options=options)
        if out is None:
            raise RuntimeError(f"cannot load {path} into table {table}")
        out = None
