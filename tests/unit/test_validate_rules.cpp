// SPDX-License-Identifier: Apache-2.0
// The rule registry and the per-rule fixtures (kube-linter's registry<->tests
// check): every rule has tests/rules/<id>/fires.yaml whose `# expect: L:C <id>`
// lines are exactly the findings of that rule, and passes.yaml with none.
#include "kserve/config.hpp"
#include "validate/lint.hpp"
#include "validate/rule.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using isvc::validate::rules;
using isvc::validate::Stage;
namespace diag = isvc::diag;

namespace {

std::multiset<std::string> findings(const std::string& path, std::string_view rule) {
  isvc::validate::LintOptions opts;
  opts.jobs = 1;
  opts.enabled.insert(std::string(rule)); // off-by-default rules are tested too
  std::istringstream in;
  auto result = isvc::validate::lint({path}, in, opts);
  // A multiset: a second finding at the same position is a finding too.
  std::multiset<std::string> out;
  for (const auto& d : result.diagnostics) {
    if (d.rule == rule) {
      out.insert(std::to_string(d.mark.line) + ":" + std::to_string(d.mark.col) + " " +
                 d.rule.str());
    }
  }
  return out;
}

std::multiset<std::string> expectations(const fs::path& file) {
  std::ifstream in(file);
  std::multiset<std::string> out;
  std::string line;
  const std::string tag = "# expect: ";
  while (std::getline(in, line)) {
    auto pos = line.find(tag);
    if (pos != std::string::npos) {
      out.insert(line.substr(pos + tag.size()));
    }
  }
  return out;
}

bool kebab(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

} // namespace

TEST_SUITE("validate::registry") {
  TEST_CASE("ids are unique, sorted, kebab-case; every field is filled in") {
    REQUIRE(rules().size() >= 30);
    for (std::size_t i = 0; i < rules().size(); ++i) {
      const auto& r = *rules()[i];
      CAPTURE(r.id);
      CHECK(kebab(r.id));
      if (i > 0) {
        CHECK(rules()[i - 1]->id < r.id);
      }
      CHECK_FALSE(r.summary.empty());
      CHECK((r.summary.empty() || r.summary.back() != '.'));
      CHECK_FALSE(r.rationale.empty());
      REQUIRE_FALSE(r.fix.empty());
      CHECK(r.fix.back() == '.');
      // Findings made outside lint (reading inputs, `check` on a live Prometheus) have no
      // YAML that fires them; they are pinned by the CLI and check tests instead.
      CHECK(r.example.empty() == (r.stage != Stage::lint));
    }
  }

  TEST_CASE("the rule table is the one id list, row for row") {
    REQUIRE(rules().size() == std::size(diag::k_rule_ids));
    for (std::size_t i = 0; i < rules().size(); ++i) {
      CHECK(rules()[i]->id == diag::k_rule_ids[i]);
    }
    CHECK(diag::RuleId::find("yaml-syntax").has_value());
    CHECK(diag::RuleId::find("yaml-syntax")->view() == "yaml-syntax");
    CHECK_FALSE(diag::RuleId::find("yaml-syntaxx").has_value());
    CHECK_FALSE(diag::RuleId::find("").has_value());
  }

  TEST_CASE("every rule's example fires that rule") {
    fs::path dir = fs::path(ISVC_BINARY_DIR) / "rule-examples";
    fs::create_directories(dir);
    for (const auto* r : rules()) {
      CAPTURE(r->id);
      if (r->example.empty()) {
        continue;
      }
      fs::path f = dir / (std::string(r->id) + ".yaml");
      std::ofstream(f) << r->example;
      CHECK_FALSE(findings(f.string(), r->id).empty());
    }
  }

  TEST_CASE("tests/rules/<id>/ exists for exactly the registered ids") {
    std::set<std::string> dirs;
    for (const auto& e : fs::directory_iterator(fs::path(ISVC_SOURCE_DIR) / "tests/rules")) {
      if (e.is_directory()) {
        dirs.insert(e.path().filename().string());
      }
    }
    std::set<std::string> ids;
    for (const auto* r : rules()) {
      if (r->stage == Stage::lint) {
        ids.insert(r->id.str());
      }
    }
    CHECK(dirs == ids);
  }
}

TEST_SUITE("validate::rules") {
  TEST_CASE("fires.yaml reports exactly its expectations; passes.yaml reports nothing") {
    for (const auto* r : rules()) {
      if (r->stage != Stage::lint) {
        continue;
      }
      std::string id(r->id);
      fs::path dir = fs::path(ISVC_SOURCE_DIR) / "tests/rules" / id;
      SUBCASE(id.c_str()) {
        fs::path fires = dir / "fires.yaml";
        fs::path passes = dir / "passes.yaml";
        REQUIRE_MESSAGE(fs::exists(fires), "missing ", fires.string());
        REQUIRE_MESSAGE(fs::exists(passes), "missing ", passes.string());
        auto want = expectations(fires);
        CHECK_MESSAGE(!want.empty(), "fires.yaml has no '# expect: L:C ", id, "' line");
        auto got = findings(fires.string(), id);
        auto join = [](const std::multiset<std::string>& s) {
          std::string out;
          for (const auto& x : s) {
            out += "[" + x + "] ";
          }
          return out;
        };
        CHECK_MESSAGE(got == want, "got: ", join(got), " want: ", join(want));
        auto wrong = findings(passes.string(), id);
        CHECK_MESSAGE(wrong.empty(), "passes.yaml fired: ", join(wrong));
      }
    }
  }
}

TEST_SUITE("validate::schema") {
  TEST_CASE("schema-pattern's fix names the grammar that failed: label value or quantity") {
    fs::path dir = fs::path(ISVC_BINARY_DIR) / "schema-pattern-fix";
    fs::create_directories(dir);
    fs::path f = dir / "in.yaml";
    std::ofstream(f) << "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                        "metadata:\n  name: m\n  labels:\n    team: \"a b\"\nspec:\n  predictor:\n"
                        "    autoScaling:\n      metrics:\n      - type: Resource\n"
                        "        resource:\n          name: memory\n          target:\n"
                        "            type: AverageValue\n            averageValue: 1 Gi\n";
    isvc::validate::LintOptions opts;
    opts.jobs = 1;
    std::istringstream in;
    auto result = isvc::validate::lint({f.string()}, in, opts);
    std::map<std::uint32_t, std::string> fixes;
    for (const auto& d : result.diagnostics) {
      if (d.rule == "schema-pattern") {
        fixes[d.mark.line] = d.fix;
      }
    }
    REQUIRE(fixes.count(6) == 1);
    CHECK(fixes[6].find("label value of at most 63 characters") != std::string::npos);
    CHECK(fixes[6].find("quantity") == std::string::npos);
    REQUIRE(fixes.count(16) == 1);
    CHECK(fixes[16].find("Kubernetes quantity") != std::string::npos);
  }
}

TEST_SUITE("validate::isvc-annotations-roll-pods") {
  // KServe appends the inferenceService entry's list to its defaults and matches exact keys
  // (pkg/apis/serving/v1beta1/configmap.go:234-245, pkg/utils/collections.go:39-46).
  std::vector<std::string> roll_findings(const std::string& config_list) {
    fs::path dir = fs::path(ISVC_BINARY_DIR) / "roll-pods";
    fs::create_directories(dir);
    fs::path f = dir / "in.yaml";
    std::ofstream(f) << "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                        "metadata:\n  name: m\n  namespace: ml\n  annotations:\n"
                        "    serving.kserve.io/deploymentMode: Standard\n"
                        "    isvc-scale.io/autoscaler: keda\n"
                        "    isvc-scale.io/polling-interval: \"15\"\n"
                        "    isvc-scale.io/cooldown-period: \"60\"\n"
                        "spec:\n  predictor:\n    model:\n      modelFormat:\n"
                        "        name: sklearn\n";
    isvc::validate::LintOptions opts;
    opts.jobs = 1;
    opts.config = isvc::kserve::load_config(
        "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: inferenceservice-config\n"
                   "data:\n  inferenceService: '{\"serviceAnnotationDisallowedList\": [" +
                       config_list + "]}'\n");
    std::istringstream in;
    std::vector<std::string> out;
    for (const auto& d : isvc::validate::lint({f.string()}, in, opts).diagnostics) {
      if (d.rule == "isvc-annotations-roll-pods") {
        out.push_back(std::to_string(d.mark.line) + " " + d.message + " | " + d.fix);
      }
    }
    return out;
  }
  TEST_CASE("the ConfigMap's list silences exactly the keys it names") {
    auto none = roll_findings("");
    REQUIRE(none.size() == 1);
    // isvc-scale.io/autoscaler (line 8) is render's own and not reported.
    CHECK(none[0].find("10 KServe copies isvc-scale.io/cooldown-period, "
                       "isvc-scale.io/polling-interval into the pods' template") == 0);
    CHECK(none[0].find("{\"serviceAnnotationDisallowedList\": [\"isvc-scale.io/cooldown-period\", "
                       "\"isvc-scale.io/polling-interval\"]}") != std::string::npos);
    auto one = roll_findings("\"isvc-scale.io/cooldown-period\"");
    REQUIRE(one.size() == 1);
    CHECK(one[0].find("9 KServe copies isvc-scale.io/polling-interval into") == 0);
    CHECK(roll_findings("\"isvc-scale.io/cooldown-period\", \"isvc-scale.io/polling-interval\"")
              .empty());
    CHECK(roll_findings("\"isvc-scale.io/*\"").size() == 1); // exact keys, no wildcard
  }
}
