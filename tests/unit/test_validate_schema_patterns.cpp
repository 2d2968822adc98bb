// SPDX-License-Identifier: Apache-2.0
// The native pattern matchers (validate/schema_patterns.hpp) accept exactly what
// std::regex_search accepts for the same pattern, as valijson runs it.
#include "validate/schema_patterns.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <string>
#include <vector>

namespace {

const char* const k_patterns[] = {
    R"(^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$)",
    R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)",
    R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)",
    R"(^[a-z]([-a-z0-9]*[a-z0-9])?$)",
    R"(^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$)",
    R"(^/.*)",
};

// Every string up to `len` characters over `alphabet`.
void all_strings(const std::string& alphabet, std::size_t len, std::vector<std::string>& out) {
  std::vector<std::string> level{""};
  out.push_back("");
  for (std::size_t n = 1; n <= len; ++n) {
    std::vector<std::string> next;
    for (const auto& s : level) {
      for (char c : alphabet) {
        next.push_back(s + c);
      }
    }
    out.insert(out.end(), next.begin(), next.end());
    level = std::move(next);
  }
}

std::vector<std::string> samples() {
  std::vector<std::string> out;
  // Quantity grammar characters, name characters, and what neither allows.
  all_strings("1.+-eEiKmkM", 4, out);
  all_strings("a0-.Z_/", 4, out);
  // k8s.io/apimachinery pkg/api/resource/quantity.go: <quantity> ::= <signedNumber><suffix>,
  // suffixes <binarySI> Ki..Ei, <decimalSI> n u m "" k M G T P E, <decimalExponent> e/E
  // <signedNumber>; and its test cases' valid and invalid spellings.
  for (const char* s : {"0",
                        "1",
                        "+1",
                        "-1",
                        "1.",
                        ".5",
                        "-.5",
                        "1.5Gi",
                        "100m",
                        "0.1",
                        "1e3",
                        "1E3",
                        "1e-3",
                        "1E+3",
                        "1Ei",
                        "1E",
                        "5n",
                        "5u",
                        "1k",
                        "1K",
                        "1Ki",
                        "1ki",
                        "1.5e1.5",
                        "1e",
                        "e1",
                        "1.2.3",
                        "--1",
                        "+-1",
                        " 1",
                        "1 ",
                        "1\n",
                        "\n1",
                        "1Mi\n",
                        "",
                        ".",
                        "+",
                        "1i",
                        "1Gii",
                        "12345678901234567890",
                        "sklearn-v2-iris",
                        "a.b.c",
                        "a..b",
                        "-a",
                        "a-",
                        "A",
                        "a_b",
                        "a.b-",
                        "/mnt/models",
                        "x/y",
                        "\x01",
                        "a\x01",
                        "/\x01",
                        "\xc3\xa9",
                        "1\xc2\xb5"}) {
    out.emplace_back(s);
  }
  std::mt19937 rng(12); // fixed seed: the same strings every run
  const std::string alphabet = "0123456789.+-eEiKMGTPEnumkabz-_./AZ \n";
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 12, ' ');
    for (auto& c : s) {
      c = alphabet[rng() % alphabet.size()];
    }
    out.push_back(s);
  }
  return out;
}

} // namespace

TEST_SUITE("validate") {
  TEST_CASE("native pattern matchers agree with std::regex_search on every sample") {
    std::vector<std::string> strings = samples();
    for (const char* pattern : k_patterns) {
      CAPTURE(pattern);
      isvc::validate::PatternMatcher matcher = isvc::validate::native_matcher(pattern);
      REQUIRE((matcher != nullptr));
      std::regex re(pattern); // valijson: std::regex(pattern), ECMAScript
      std::size_t accepted = 0;
      for (const auto& s : strings) {
        bool want = std::regex_search(s, re);
        accepted += want ? 1 : 0;
        if (matcher(s) != want) {
          FAIL_CHECK("differs on \"", s, "\": regex ", want);
        }
      }
      CHECK(accepted > 10);
    }
  }

  TEST_CASE("a 1 MB quantity or name is matched in one pass, without recursion") {
    std::string big(1 << 20, '7');
    CHECK(isvc::validate::native_matcher(k_patterns[0])(big));
    CHECK_FALSE(isvc::validate::native_matcher(k_patterns[2])(big + "-"));
  }

  TEST_CASE("only known patterns become x-isvc-pattern; data keywords stay") {
    nlohmann::json schema = nlohmann::json::parse(R"({"properties":{
      "a":{"type":"string","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},
      "b":{"type":"string","pattern":"^(http|https)://.+$"},
      "pattern":{"type":"string"},
      "c":{"default":{"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}}}})");
    isvc::validate::use_native_patterns(schema);
    CHECK(schema["properties"]["a"] ==
          nlohmann::json::parse(
              R"({"type":"string","x-isvc-pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"})"));
    CHECK(schema["properties"]["b"]["pattern"] == "^(http|https)://.+$");
    CHECK(schema["properties"]["pattern"] == nlohmann::json{{"type", "string"}});
    CHECK(schema["properties"]["c"]["default"].contains("pattern"));
    CHECK((isvc::validate::native_matcher("^(http|https)://.+$") == nullptr));
  }
}
