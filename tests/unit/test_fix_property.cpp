// SPDX-License-Identifier: Apache-2.0
// Property over every rule fixture (tests/rules/*/*.yaml): `lint --fix` never makes a file
// invalid. After app::fix_text the text still parses to as many documents, with no syntax or
// duplicate-key error; lint finds no error the original did not have (by rule, document and
// pointer); and each document's tree equals the original's except at the paths of the
// findings the fixes answered (a renamed or added key beside or under such a path).
#include "app/run_fix.hpp"
#include "parse/yaml_loader.hpp"
#include "validate/lint.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;
using isvc::model::Node;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string escape(const std::string& key) {
  std::string out;
  for (char c : key) {
    out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  }
  return out;
}

// A difference between two trees: a changed node, or a key/item only one side has.
struct Diff {
  std::string path;
  bool structural = false; ///< a key or item added or removed
};

void diff(const Node& a, const Node& b, const std::string& path, std::vector<Diff>& out) {
  if (a.kind != b.kind || (a.is_scalar() && a.value != b.value)) {
    out.push_back({path, false});
    return;
  }
  if (a.is_seq()) {
    for (std::size_t i = 0; i < std::max(a.items.size(), b.items.size()); ++i) {
      if (i >= a.items.size() || i >= b.items.size()) {
        out.push_back({path + "/" + std::to_string(i), true});
      } else {
        diff(a.items[i], b.items[i], path + "/" + std::to_string(i), out);
      }
    }
  }
  if (a.is_map()) {
    for (std::size_t i = 0; i < a.keys.size(); ++i) {
      const Node* other = b.get(a.keys[i].first);
      std::string p = path + "/" + escape(a.keys[i].first);
      if (other == nullptr) {
        out.push_back({p, true});
      } else {
        diff(a.items[i], *other, p, out);
      }
    }
    for (const auto& [key, mark] : b.keys) {
      if (a.get(key) == nullptr) {
        out.push_back({path + "/" + escape(key), true});
      }
    }
  }
}

std::string parent(const std::string& p) { return p.substr(0, p.rfind('/')); }

bool under(const std::string& p, const std::string& f) {
  return p == f || p.rfind(f + "/", 0) == 0;
}

// A difference the fixes account for: at or under a fixed finding's path, or (a key added or
// removed) beside it.
bool explained(const Diff& d, const std::vector<std::string>& fixed) {
  return std::any_of(fixed.begin(), fixed.end(), [&](const std::string& f) {
    return under(d.path, f) || (d.structural && parent(d.path) == parent(f));
  });
}

using ErrorKey = std::tuple<std::string, int, std::string>;

std::set<ErrorKey> errors(const std::string& text, const isvc::validate::LintOptions& opts) {
  std::istringstream in(text);
  auto result = isvc::validate::lint({"-"}, in, opts);
  std::set<ErrorKey> out;
  for (const auto& d : result.diagnostics) {
    if (d.severity == isvc::diag::Severity::error) {
      out.insert({d.rule.str(), d.doc, d.pointer});
    }
  }
  return out;
}

struct Counts {
  std::size_t files = 0;
  std::size_t changed = 0;
  std::size_t fixes = 0;
};

void check_fixture(const fs::path& path, Counts& counts) {
  isvc::validate::LintOptions opts;
  opts.jobs = 1;
  opts.enabled.insert(path.parent_path().filename().string());
  std::string before = read(path);
  auto done = isvc::app::fix_text(before, opts);
  ++counts.files;
  if (done.text == before) {
    return;
  }
  ++counts.changed;
  counts.fixes += done.fixed.size();
  isvc::diag::Sink sink_a;
  isvc::diag::Sink sink_b;
  auto a = isvc::parse::load_yaml("a", before, sink_a);
  auto b = isvc::parse::load_yaml("b", done.text, sink_b);
  CHECK(b.complete == a.complete);
  REQUIRE(b.docs.size() == a.docs.size());
  CHECK(sink_b.items().size() <= sink_a.items().size());
  auto old_errors = errors(before, opts);
  for (const auto& e : errors(done.text, opts)) {
    CAPTURE(std::get<0>(e));
    CAPTURE(std::get<2>(e));
    CHECK(old_errors.count(e) == 1);
  }
  for (std::size_t i = 0; i < a.docs.size(); ++i) {
    std::vector<std::string> fixed;
    for (const auto& f : done.fixed) {
      if (f.doc == a.docs[i].index) {
        fixed.push_back(f.pointer);
      }
    }
    std::vector<Diff> diffs;
    diff(a.docs[i].root, b.docs[i].root, "", diffs);
    for (const auto& d : diffs) {
      CAPTURE(i);
      CAPTURE(d.path);
      CHECK(explained(d, fixed));
    }
  }
}

} // namespace

TEST_CASE("fix property: --fix never makes a rule fixture invalid") {
  std::vector<fs::path> files;
  for (const auto& e :
       fs::recursive_directory_iterator(fs::path(ISVC_SOURCE_DIR) / "tests/rules")) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  Counts counts;
  for (const auto& f : files) {
    CAPTURE(f.string());
    check_fixture(f, counts);
  }
  MESSAGE(counts.files << " fixtures, " << counts.changed << " changed by " << counts.fixes
                       << " fixes");
  // The property must have something to hold on: fixtures of every fixable rule change.
  CHECK(counts.files > 150);
  CHECK(counts.changed >= 9);
}

TEST_CASE("fix property: the tree comparison sees a change outside the fixed paths") {
  Node a;
  a.kind = Node::Kind::map;
  Node v;
  v.kind = Node::Kind::scalar;
  v.value = "1";
  a.keys.push_back({"x", {}});
  a.items.push_back(v);
  Node b = a;
  b.items[0].value = "2";
  std::vector<Diff> diffs;
  diff(a, b, "", diffs);
  REQUIRE(diffs.size() == 1);
  CHECK(diffs[0].path == "/x");
  CHECK_FALSE(explained(diffs[0], {"/y"}));
  CHECK(explained(diffs[0], {"/x"}));
}
