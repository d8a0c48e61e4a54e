// Lenient Halo field readers.
#include "domain/halo_fields.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

namespace {

namespace f = domain::fields;

class HaloFields : public ::testing::Test {
 protected:
  simdjson::dom::element parse(const std::string& json) {
    padded_ = simdjson::padded_string(json);
    return parser_.parse(padded_).value();
  }
  simdjson::dom::parser parser_;
  simdjson::padded_string padded_;
};

TEST_F(HaloFields, IntsFromIntDoubleAndString) {
  auto r = parse(R"({"a":12,"b":12.0,"c":"12","d":12.5,"e":"x","f":null,"g":" 7 ","h":"3.0"})");
  EXPECT_EQ(f::as_int(r, "a"), 12);
  EXPECT_EQ(f::as_int(r, "b"), 12);
  EXPECT_EQ(f::as_int(r, "c"), 12);
  EXPECT_EQ(f::as_int(r, "d"), std::nullopt);
  EXPECT_EQ(f::as_int(r, "e"), std::nullopt);
  EXPECT_EQ(f::as_int(r, "f"), std::nullopt);
  EXPECT_EQ(f::as_int(r, "g"), 7);
  EXPECT_EQ(f::as_int(r, "h"), 3);
  EXPECT_EQ(f::as_int(r, "missing"), std::nullopt);
  EXPECT_EQ(f::json_int(r, "b"), util::Json(12));
  EXPECT_TRUE(f::json_int(r, "missing").is_null());
}

TEST_F(HaloFields, DoublesAndBools) {
  auto r = parse(R"({"a":1.25,"b":"2.5","c":3,"t":true,"one":1,"zero":0,"s":"false"})");
  EXPECT_DOUBLE_EQ(*f::as_double(r, "a"), 1.25);
  EXPECT_DOUBLE_EQ(*f::as_double(r, "b"), 2.5);
  EXPECT_DOUBLE_EQ(*f::as_double(r, "c"), 3.0);
  EXPECT_EQ(f::as_bool(r, "t"), true);
  EXPECT_EQ(f::as_bool(r, "one"), true);
  EXPECT_EQ(f::as_bool(r, "zero"), false);
  EXPECT_EQ(f::as_bool(r, "s"), false);
  EXPECT_EQ(f::as_bool(r, "a"), true);
}

TEST_F(HaloFields, StringsIncludingNumbers) {
  auto r = parse(R"({"s":"abc","n":42,"d":2.5,"o":{}})");
  EXPECT_EQ(f::as_string(r, "s"), "abc");
  EXPECT_EQ(f::as_string(r, "n"), "42");
  EXPECT_EQ(f::as_string(r, "d"), "2.5");
  EXPECT_EQ(f::as_string(r, "o"), std::nullopt);
}

TEST_F(HaloFields, DatesDropFractionsAndSentinel) {
  auto r = parse(R"({"a":"2023-06-29T10:16:08.8378294Z","b":"1900-01-01T00:00:00","c":"2026-06-01T09:00:00",
                    "d":"2024-02-03","e":"garbage","f":"2023-06-29T10:16:08+01:00","g":"1899-12-30T00:00:00"})");
  EXPECT_EQ(f::as_date(r, "a"), "2023-06-29");
  EXPECT_EQ(f::as_date(r, "b"), std::nullopt);
  EXPECT_EQ(f::as_date(r, "g"), std::nullopt);
  EXPECT_EQ(f::as_date(r, "e"), std::nullopt);
  EXPECT_EQ(f::as_datetime(r, "a"), "2023-06-29T10:16:08Z");
  EXPECT_EQ(f::as_datetime(r, "c"), "2026-06-01T09:00:00");
  EXPECT_EQ(f::as_datetime(r, "d"), "2024-02-03");
  EXPECT_EQ(f::as_datetime(r, "f"), "2023-06-29T10:16:08+01:00");
  EXPECT_TRUE(f::json_datetime(r, "b").is_null());
}

TEST_F(HaloFields, NonObjectRecordsAreEmpty) {
  auto r = parse(R"([1,2])");
  EXPECT_EQ(f::as_int(r, "id"), std::nullopt);
  EXPECT_EQ(f::get(r, "id"), std::nullopt);
}

TEST_F(HaloFields, ToJsonKeepsStructureAndOrder) {
  auto r = parse(R"({"z":1,"a":[true,null,"x",2.5,{"k":-3}],"big":18446744073709551615})");
  util::Json j = f::to_json(r);
  EXPECT_EQ(j.dump(), R"({"z":1,"a":[true,null,"x",2.5,{"k":-3}],"big":18446744073709551615})");
}

TEST_F(HaloFields, FirstStringSkipsEmpty) {
  auto r = parse(R"({"a":"","b":"B"})");
  EXPECT_EQ(f::json_first_string(r, {"a", "b"}), util::Json("B"));
  EXPECT_TRUE(f::json_first_string(r, {"x"}).is_null());
}

}  // namespace
