#pragma once
// Everything public in libreserve.
#include "reserve/area.hpp"
#include "reserve/crs.hpp"
#include "reserve/error.hpp"
#include "reserve/geometry.hpp"
#include "reserve/io.hpp"
#include "reserve/issue.hpp"
#include "reserve/validate.hpp"
#include "reserve/version.hpp"
#include "reserve/zone.hpp"
#include "reserve/zoning.hpp"
