// SPDX-License-Identifier: Apache-2.0
// How findings are held when there are 64k of them: the caret lines' store, the text they
// share, the boxed rarely-set fields, and the in-place sort of the sink.
#include "diag/diagnostic.hpp"
#include "diag/line_store.hpp"
#include "util/boxed.hpp"
#include "util/shared_text.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <random>
#include <string>
#include <vector>

using isvc::diag::Diagnostic;
using isvc::diag::LineStore;
using isvc::diag::Sink;
using isvc::util::SharedText;

namespace {

std::string line_text(std::uint32_t n) { return "line " + std::to_string(n) + " text"; }

Diagnostic
finding(std::string file, std::uint32_t line, std::uint32_t col, isvc::diag::RuleId rule) {
  Diagnostic d;
  d.file = file;
  d.mark = {line, col};
  d.rule = rule;
  d.message = file + ":" + std::to_string(line) + ":" + std::to_string(col) + " " + rule.str();
  return d;
}

} // namespace

TEST_SUITE("diag storage") {
  TEST_CASE("LineStore keeps lines in order, a little out of order and far behind") {
    LineStore s;
    CHECK(s.empty());
    for (std::uint32_t n = 10; n <= 50'000; n += 2) {
      s.add(n, line_text(n)); // past many 64 KiB blocks
    }
    s.add(49'999, line_text(49'999)); // the current document's earlier line: into the index
    s.add(11, line_text(11));         // far behind: the map
    s.add(12, "not kept");            // a line kept already stays as it was
    s.add(11, "not kept either");
    CHECK(s.get(10) == line_text(10));
    CHECK(s.get(11) == line_text(11));
    CHECK(s.get(12) == line_text(12));
    CHECK(s.get(49'999) == line_text(49'999));
    CHECK(s.get(50'000) == line_text(50'000));
    CHECK(s.get(13).empty());
    CHECK_FALSE(s.has(13));
    CHECK(s.has(11));
    for (std::uint32_t n = 10; n <= 50'000; n += 2) {
      REQUIRE(s.get(n) == line_text(n));
    }
  }

  TEST_CASE("LineStore keeps a line longer than a block whole, and the short ones around it") {
    LineStore s;
    std::string long_line(200'000, 'x');
    long_line.back() = 'y';
    s.add(1, "a");
    s.add(2, long_line);
    s.add(3, "b");
    CHECK(s.get(1) == "a");
    CHECK(s.get(2) == long_line);
    CHECK(s.get(3) == "b");
  }

  TEST_CASE("LineStore merge moves into an empty store and copies into a full one") {
    LineStore a;
    a.add(5, "five");
    a.add(7, "seven");
    LineStore b;
    b.merge(std::move(a));
    CHECK(b.get(5) == "five");
    LineStore c;
    c.add(6, "six");
    c.add(7, "mine");
    c.merge(std::move(b));
    CHECK(c.get(5) == "five");
    CHECK(c.get(6) == "six");
    CHECK(c.get(7) == "mine");
    LineStore copy = c; // a copy owns its text: the original may go
    c = LineStore();
    CHECK(copy.get(5) == "five");
    CHECK(copy.get(6) == "six");
  }

  TEST_CASE("SharedText borrows a rule's text and shares one copy of a file name") {
    static constexpr std::string_view k_fix = "Set the field.";
    auto fix = SharedText::borrow(k_fix);
    CHECK(fix.data() == k_fix.data());
    CHECK(fix == "Set the field.");

    std::string name = "manifests/a-long-directory-name/model.yaml";
    SharedText file(name);
    CHECK(file.data() != name.data()); // its own copy
    name.assign("changed");
    CHECK(file == "manifests/a-long-directory-name/model.yaml");
    SharedText again = file;
    CHECK(again.data() == file.data()); // shared, not copied
    SharedText moved = std::move(again);
    CHECK(moved.data() == file.data());
    CHECK(moved.view() == file.view());

    CHECK(SharedText().empty());
    CHECK(SharedText(std::string()).empty());
    CHECK(SharedText("a") < SharedText("b"));
    CHECK(SharedText("x") + "y" == "xy");
    CHECK(std::string("w") + SharedText("z") == "wz");
    CHECK(fmt::format("[{:>4}]", SharedText("ab")) == "[  ab]");
  }

  TEST_CASE("SharedText::known borrows the kinds and apiVersions lint knows, copies others") {
    std::string a = "InferenceService";
    std::string b = "InferenceService";
    CHECK(SharedText::known(a).data() == SharedText::known(b).data());
    CHECK(SharedText::known(a).data() != a.data());
    std::string other = "Widget";
    auto w = SharedText::known(other);
    CHECK(w == "Widget");
    CHECK(w.data() != other.data());
  }

  TEST_CASE("Boxed copies deeply and moves its pointer") {
    isvc::util::Boxed<std::string> a(std::string("edit"));
    auto b = a;
    *b = "changed";
    CHECK(*a == "edit");
    const std::string* held = &*a;
    auto c = std::move(a);
    CHECK(&*c == held);
    CHECK_FALSE(a.has_value()); // NOLINT(bugprone-use-after-move): moved-from is empty
    isvc::util::Boxed<std::string> none = std::nullopt;
    CHECK_FALSE(none);
    auto none2 = none;
    CHECK_FALSE(none2);
  }

  TEST_CASE("Sink::sort orders shuffled findings stably and drops repeats") {
    std::vector<Diagnostic> want;
    for (std::uint32_t line = 1; line <= 300; ++line) {
      want.push_back(finding("a.yaml", line, 3, "input-duplicate-object"));
      want.push_back(finding("a.yaml", line, 3, "isvc-deprecated-deployment-mode"));
      want.push_back(finding("b.yaml", line, 1, "input-duplicate-object"));
    }
    std::sort(want.begin(), want.end(), [](const Diagnostic& x, const Diagnostic& y) {
      return std::tie(x.file, x.mark.line, x.mark.col, x.rule) <
             std::tie(y.file, y.mark.line, y.mark.col, y.rule);
    });
    std::vector<Diagnostic> shuffled = want;
    std::mt19937 rng(7);
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    Sink sink;
    for (auto& d : shuffled) {
      sink.add(d);
    }
    // A repeat of one finding at one place, and two findings at one place of which the
    // more severe comes first.
    auto repeat = finding("a.yaml", 10, 3, "input-duplicate-object");
    repeat.message = "the repeat";
    sink.add(repeat);
    sink.sort();
    REQUIRE(sink.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      REQUIRE(sink.items()[i].message == want[i].message);
    }

    Sink two;
    auto warning = finding("c.yaml", 1, 1, "input-duplicate-object");
    warning.severity = isvc::diag::Severity::warning;
    warning.message = "warning";
    auto error = finding("c.yaml", 1, 1, "input-duplicate-object");
    error.message = "error";
    auto later = finding("c.yaml", 2, 1, "input-duplicate-object");
    two.add(later);
    two.add(warning);
    two.add(error);
    two.sort();
    REQUIRE(two.size() == 2);
    CHECK(two.items()[0].message == "error");
    CHECK(two.items()[1].message == "c.yaml:2:1 input-duplicate-object");
  }
}
