"""pandas / GeoPandas / dict forms of library results (called from the compiled classes)."""
from __future__ import annotations

from typing import Any, Dict

from . import _convert


def layer_to_geopandas(layer) -> Any:
    columns: Dict[str, Any] = {"id": layer.ids}
    for name, values in layer.columns().items():
        columns[name if name != "id" else "id_"] = values
    return _convert.geodataframe(columns, layer.wkbs(), layer.crs)


def layer_to_dict(layer) -> Dict[str, Any]:
    return {
        "path": layer.path,
        "layer": layer.name,
        "driver": layer.driver,
        "sha256": layer.sha256,
        "crs": layer.crs.to_dict(),
        "encoding": layer.encoding,
        "fields": list(layer.fields),
        "feature_count": len(layer),
        "issues": [i.to_dict() for i in layer.issues],
    }
