// check_input_path and the readers: "not found", "permission denied" and "is a directory" are told
// apart (issue 15: a file in an unreadable folder was reported as "not found").
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "io/input_path.hpp"
#include "reserve/error.hpp"
#include "reserve/io.hpp"
#include "support/temp_dir.hpp"

namespace reserve::io {
namespace {

std::string message_of(const std::string& path, InputKind kind) {
  try {
    check_input_path(path, kind);
  } catch (const InputError& e) {
    return e.message();
  }
  return "";
}

TEST(InputPath, MissingFolderAndFileInTheWayAreToldApart) {
  test::TempDir dir;
  test::write_file(dir.file("plain"), "x");
  std::filesystem::create_directory(dir.file("folder.csv"));
  EXPECT_NE(message_of(dir.file("none.gpkg"), InputKind::file_or_folder).find("file not found"),
            std::string::npos);
  EXPECT_NE(message_of(dir.file("plain") + "/a.csv", InputKind::file).find("not a folder"),
            std::string::npos);
  EXPECT_NE(message_of(dir.file("folder.csv"), InputKind::file).find("is a directory"),
            std::string::npos);
  EXPECT_EQ(message_of(dir.file("folder.csv"), InputKind::file_or_folder), "");
  EXPECT_EQ(message_of(dir.file("plain"), InputKind::file), "");
}

// A file inside a folder without search permission. Root may enter any folder, so when the tests
// run as root the check runs in a forked child that has dropped to uid/gid 65534 ("nobody");
// otherwise the folder's mode 000 is enough on its own. The child reports through its exit code.
TEST(InputPath, FileInAnUnreadableFolderIsPermissionDenied) {
  test::TempDir dir;
  const std::string folder = dir.file("locked");
  std::filesystem::create_directory(folder);
  test::write_file(folder + "/points.csv", "lon,lat\n105,30\n");
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);  // the test folder itself stays reachable
  ASSERT_EQ(::chmod(folder.c_str(), 0000), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(10);
    int code = 2;  // no error at all
    try {
      (void)read_layer(folder + "/points.csv", ReadOptions{});
    } catch (const InputError& e) {
      code = e.message().find("permission denied") != std::string::npos ? 0 : 1;
    } catch (...) {
      code = 3;
    }
    ::_exit(code);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ::chmod(folder.c_str(), 0755);  // let TempDir clean up
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: another message, 2: no error, 3: another exception, "
                                       "10: cannot drop root";
}

// GDAL connection strings are not paths: they pass the path checks, and are shown with any
// password masked. Expected strings written by hand.
TEST(InputPath, ConnectionStringsAreToldFromPaths) {
  test::TempDir dir;
  EXPECT_TRUE(is_connection_string("PG:dbname=reserves host=/run/pg tables=zones"));
  EXPECT_TRUE(is_connection_string("MySQL:reserves,user=a"));
  EXPECT_FALSE(is_connection_string("C:\\data\\a.gpkg"));  // one letter: a Windows drive
  EXPECT_FALSE(is_connection_string("./PG:x"));
  EXPECT_FALSE(is_connection_string("data/baseline.gpkg"));
  test::write_file(dir.file("PG:odd.gpkg"), "x");  // a file of that very name stays a file
  EXPECT_FALSE(is_connection_string(dir.file("PG:odd.gpkg")));
  EXPECT_EQ(message_of("PG:dbname=x", InputKind::file_or_folder), "");
}

TEST(InputPath, PasswordsAreMasked) {
  EXPECT_EQ(mask_passwords("PG:dbname=x password=hunter2 host=h"),
            "PG:dbname=x password=*** host=h");
  EXPECT_EQ(mask_passwords("PG:\"dbname='x' password='a b\\'c' user=u\""),
            "PG:\"dbname='x' password=*** user=u\"");
  EXPECT_EQ(mask_passwords("PG:PASSWORD = s3 user=u"), "PG:PASSWORD = *** user=u");
  EXPECT_EQ(mask_passwords("MSSQL:server=.;pwd=abc;database=d"),
            "MSSQL:server=.;pwd=***;database=d");
  EXPECT_EQ(mask_passwords("PG:postgresql://ana:s3cret@db.example/reserves"),
            "PG:postgresql://ana:***@db.example/reserves");
  EXPECT_EQ(mask_passwords("PG:postgresql://ana@db.example:5432/reserves"),
            "PG:postgresql://ana@db.example:5432/reserves");
  EXPECT_EQ(mask_passwords("keep old_password_file=x"), "keep old_password_file=x");
  // Errors carry the connection masked, in what() and where().
  const InputError e("cannot open", SourceRef{"PG:dbname=x password=hunter2", "", ""});
  EXPECT_EQ(std::string(e.what()), "PG:dbname=x password=***: cannot open");
  EXPECT_EQ(e.where().file, "PG:dbname=x password=***");
}

}  // namespace
}  // namespace reserve::io
