#pragma once
// gtest expectations that two features are equal member by member (id, geometry, attributes).
#include <gtest/gtest.h>

#include "reserve/io.hpp"

namespace reserve::test {

inline void expect_same_feature(const Feature& a, const Feature& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.geometry.kind, b.geometry.kind);
  EXPECT_EQ(a.geometry.points, b.geometry.points);
  EXPECT_EQ(a.geometry.lines, b.geometry.lines);
  ASSERT_EQ(a.geometry.polygons.polygons.size(), b.geometry.polygons.polygons.size());
  for (std::size_t i = 0; i < a.geometry.polygons.polygons.size(); ++i) {
    EXPECT_EQ(a.geometry.polygons.polygons[i].outer, b.geometry.polygons.polygons[i].outer);
    EXPECT_EQ(a.geometry.polygons.polygons[i].holes, b.geometry.polygons.polygons[i].holes);
  }
  ASSERT_EQ(a.attributes.size(), b.attributes.size());
  for (std::size_t i = 0; i < a.attributes.size(); ++i) {
    EXPECT_EQ(a.attributes[i].name, b.attributes[i].name);
    EXPECT_EQ(a.attributes[i].value, b.attributes[i].value);
    EXPECT_EQ(a.attributes[i].is_null, b.attributes[i].is_null);
  }
}

}  // namespace reserve::test
