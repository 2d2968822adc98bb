// SPDX-License-Identifier: Apache-2.0
#include "simulate/trace.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace isvc::simulate;

TEST_CASE("simulate trace: CSV rows are held until the next row") {
  Trace tr;
  std::string error;
  REQUIRE(parse_csv("# comment\nt, a ,b\n0,1,2\n30,3,\n", tr, error));
  CHECK(tr.columns == std::vector<std::string>{"a", "b"});
  CHECK(tr.at(0, 29) == 1);
  CHECK(tr.at(0, 30) == 3);
  CHECK(std::isnan(tr.at(1, 45))); // empty cell = failed query
  CHECK(tr.end() == 30);
}

TEST_CASE("simulate trace: bad CSV names the line and column") {
  auto fails = [](const char* text) {
    Trace tr;
    std::string error;
    CHECK_FALSE(parse_csv(text, tr, error));
    return error;
  };
  CHECK(fails("x,a\n") == "line 1: the header must be `t` and at least one column");
  CHECK(fails("t,a\n0,1,2\n") == "line 2: 3 cells, the header has 2");
  CHECK(fails("t,a\n0,abc\n") == "line 2 column 2: 'abc' is not a number");
  CHECK(fails("t,a\n5,1\n5,2\n") == "line 3 column 1: t 5 does not increase");
  CHECK(fails("t,a\n1.5,1\n") ==
        "line 2 column 1: t must be whole seconds from 0 to 2678400 (31 days), got '1.5'");
  CHECK(fails("t,a\n2678401,1\n") ==
        "line 2 column 1: t must be whole seconds from 0 to 2678400 (31 days), got '2678401'");
  CHECK(fails("t,a\n") == "the trace has no rows");
}

TEST_CASE("simulate trace: shapes") {
  Trace tr;
  std::string error;
  REQUIRE(parse_shape("idle:10,step:5@3,ramp:0..10@11", tr, error));
  CHECK(tr.columns == std::vector<std::string>{"load"});
  CHECK(tr.t.size() == 24);
  CHECK(tr.at(0, 9) == 0);
  CHECK(tr.at(0, 10) == 5);
  CHECK(tr.at(0, 18) == 5); // ramp second 5 of 0..10: 0 + 10 * 5 / 10
  REQUIRE(parse_shape("spike:8@5", tr, error));
  CHECK(tr.at(0, 2) == 8); // triangle peak in the middle
  CHECK(tr.at(0, 0) == 0);
  REQUIRE(parse_shape("diurnal:2..10@1h", tr, error));
  CHECK(tr.t.size() == 3600);
  CHECK(tr.at(0, 0) == doctest::Approx(2));
  Trace a;
  Trace b;
  REQUIRE(parse_shape("step:40@2m,noise:7", a, error));
  REQUIRE(parse_shape("noise:7,step:40@2m", b, error));
  CHECK(a.rows == b.rows); // fixed seed, same draws
  CHECK(a.rows[0][0] != 40);
}

TEST_CASE("simulate trace: bad shapes name the position") {
  Trace tr;
  std::string error;
  CHECK_FALSE(parse_shape("idle:10,step:5", tr, error));
  CHECK(error == "--shape at character 9: 'step:5' should be step:LOAD@DURATION");
  CHECK_FALSE(parse_shape("wave:1@1", tr, error));
  CHECK(error ==
        "--shape at character 1: 'wave:1@1' should be a kind: idle, step, ramp, spike, diurnal "
        "or noise");
  CHECK_FALSE(parse_shape("idle:0", tr, error));
  CHECK(error == "--shape at character 1: 'idle:0' should be idle:DURATION");
  CHECK_FALSE(parse_shape("noise:x", tr, error));
  CHECK(error == "--shape at character 1: 'noise:x' should be noise:SEED");
  CHECK_FALSE(parse_shape("", tr, error));
}
