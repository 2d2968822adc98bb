// SPDX-License-Identifier: Apache-2.0
// expand_inputs and read_input on a real directory tree: order, hidden and linked
// directories, a file reached twice (by name, through its directory, through a link).
#include "parse/inputs.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A fresh tree under the temp directory, removed at the end of the test.
struct Tree {
  fs::path root = fs::temp_directory_path() / ("isvc-inputs-" + std::to_string(::getpid()));
  Tree() {
    fs::remove_all(root);
    write(root / "b.yaml", "b: 1\n");
    write(root / "a.yml", "a: 1\n");
    write(root / "notes.txt", "x\n");
    write(root / "sub" / "c.yaml", "c: 1\n");
    write(root / ".git" / "hidden.yaml", "h: 1\n");
    write(root / "elsewhere" / "d.yaml", "d: 1\n");
    fs::create_symlink(root / "b.yaml", root / "link-to-b.yaml");
    fs::create_directory_symlink(root / "elsewhere", root / "linked-dir");
  }
  ~Tree() { fs::remove_all(root); }
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;
};

} // namespace

TEST_SUITE("parse") {
  TEST_CASE("expand_inputs: sorted walk, hidden and linked directories skipped, repeats once") {
    Tree t;
    std::string r = t.root.generic_string();
    isvc::diag::Sink sink;
    auto files = isvc::parse::expand_inputs(
        {r, r + "/b.yaml", r + "/./sub/../b.yaml", r + "//sub/c.yaml", "-", "-"}, sink);
    CHECK(sink.size() == 0);
    // link-to-b.yaml is b.yaml (kept once, first place wins: b.yaml sorts first); linked-dir
    // is not followed; `-` is stdin each time it is given.
    std::vector<std::string> want{r + "/a.yml",      r + "/b.yaml", r + "/elsewhere/d.yaml",
                                  r + "/sub/c.yaml", "-",           "-"};
    CHECK(files == want);
  }
  TEST_CASE("expand_inputs: a relative directory and a missing path") {
    Tree t;
    auto cwd = fs::current_path();
    fs::current_path(t.root);
    isvc::diag::Sink sink;
    auto files = isvc::parse::expand_inputs({"sub", "sub/c.yaml", "missing.yaml"}, sink);
    fs::current_path(cwd);
    CHECK(files == std::vector<std::string>{"sub/c.yaml"});
    REQUIRE(sink.size() == 1);
    CHECK(sink.items()[0].rule == "io-unreadable");
    CHECK(sink.items()[0].file == "missing.yaml");
    CHECK(sink.items()[0].message == "no such file or directory");
  }
  TEST_CASE("read_input: whole files of any size, stdin, a directory is a read error") {
    Tree t;
    std::string big(200'000, 'x');
    for (std::size_t i = 0; i < big.size(); i += 97) {
      big[i] = '\n';
    }
    write(t.root / "big.yaml", big);
    write(t.root / "exact.yaml", std::string(4095, 'y'));
    write(t.root / "empty.yaml", "");
    std::istringstream in("from: stdin\n");
    isvc::diag::Sink sink;
    std::string text;
    REQUIRE(isvc::parse::read_input((t.root / "big.yaml").string(), in, text, sink));
    CHECK(text == big);
    REQUIRE(isvc::parse::read_input((t.root / "exact.yaml").string(), in, text, sink));
    CHECK(text == std::string(4095, 'y'));
    REQUIRE(isvc::parse::read_input((t.root / "empty.yaml").string(), in, text, sink));
    CHECK(text.empty());
    REQUIRE(isvc::parse::read_input("-", in, text, sink));
    CHECK(text == "from: stdin\n");
    CHECK(sink.size() == 0);
    CHECK_FALSE(isvc::parse::read_input((t.root / "sub").string(), in, text, sink));
    CHECK_FALSE(isvc::parse::read_input((t.root / "nope.yaml").string(), in, text, sink));
    REQUIRE(sink.size() == 2);
    CHECK(sink.items()[0].message == "read error");
    CHECK(sink.items()[1].message == "cannot open file");
  }
  TEST_CASE("read_input into InputText: a file of 1 MiB or more is mapped, pages given back") {
    Tree t;
    std::string big;
    for (int i = 0; big.size() < (3U << 20); ++i) {
      big += "---\nname: m" + std::to_string(i) + "\n";
    }
    write(t.root / "big.yaml", big);
    write(t.root / "small.yaml", "a: 1\n");
    std::istringstream in;
    isvc::diag::Sink sink;
    isvc::parse::InputText large;
    REQUIRE(isvc::parse::read_input((t.root / "big.yaml").string(), in, large, sink));
    CHECK(large.mapped.mapped());
    CHECK(large.owned.empty());
    CHECK(large.view() == big);
    // Given-back pages of a private read-only mapping are read again from the file.
    large.release_before(big.size() / 2);
    large.release_before(big.size());
    CHECK(large.view() == big);
    isvc::parse::InputText small;
    REQUIRE(isvc::parse::read_input((t.root / "small.yaml").string(), in, small, sink));
    CHECK_FALSE(small.mapped.mapped());
    CHECK(small.view() == "a: 1\n");
    isvc::parse::InputText dir;
    CHECK_FALSE(isvc::parse::read_input((t.root / "sub").string(), in, dir, sink));
    REQUIRE(sink.size() == 1);
    CHECK(sink.items()[0].message == "read error");
  }
}
