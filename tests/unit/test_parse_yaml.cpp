// SPDX-License-Identifier: Apache-2.0
#include "parse/to_json.hpp"
#include "parse/yaml_loader.hpp"

#include <doctest/doctest.h>
#include <string>

using isvc::diag::Sink;
using isvc::parse::load_yaml;

TEST_SUITE("parse::yaml") {
  TEST_CASE("positions are 1-based line and column of keys and values") {
    Sink sink;
    auto f = load_yaml("f.yaml", "a:\n  b:   c\n  d: [1, 2]\n", sink);
    REQUIRE(f.docs.size() == 1);
    const auto* a = f.docs[0].root.get("a");
    REQUIRE(a != nullptr);
    CHECK(a->key_mark("b").line == 2);
    CHECK(a->key_mark("b").col == 3);
    CHECK(a->get("b")->mark.line == 2);
    CHECK(a->get("b")->mark.col == 8);
    CHECK(a->get("d")->items[1].mark.col == 10);
    CHECK(sink.items().empty());
  }
  TEST_CASE("duplicate keys are an error at the second key") {
    Sink sink;
    auto f = load_yaml("f.yaml", "a: 1\nb: 2\na: 3\n", sink);
    REQUIRE(sink.items().size() == 1);
    const auto& d = sink.items()[0];
    CHECK(d.rule == "yaml-duplicate-key");
    CHECK(d.mark.line == 3);
    CHECK(d.mark.col == 1);
    CHECK(d.message == "duplicate key \"a\" (first defined at line 1, column 1)");
  }
  TEST_CASE("a duplicate key is found on both sides of the loader's scan limit") {
    // Small maps are scanned, larger ones indexed from their 16th key: a key repeated after
    // that, and twice, still names its first definition.
    std::string yaml;
    for (int i = 0; i < 20; ++i) {
      yaml += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    }
    yaml += "k3: x\nk3: y\nk19: z\n";
    Sink sink;
    auto f = load_yaml("f.yaml", yaml, sink);
    REQUIRE(sink.items().size() == 3);
    CHECK(sink.items()[0].mark.line == 21);
    CHECK(sink.items()[0].message == "duplicate key \"k3\" (first defined at line 4, column 1)");
    CHECK(sink.items()[1].message == "duplicate key \"k3\" (first defined at line 4, column 1)");
    CHECK(sink.items()[2].message == "duplicate key \"k19\" (first defined at line 20, column 1)");
  }
  TEST_CASE("syntax error keeps earlier documents and reports file:line:col") {
    Sink sink;
    auto f = load_yaml("f.yaml", "a: 1\n---\nb: [1, 2\n", sink);
    CHECK_FALSE(f.complete);
    CHECK(f.docs.size() == 1);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].rule == "yaml-syntax");
    CHECK(sink.items()[0].doc == 1);
    CHECK(sink.items()[0].mark.line >= 3);
  }
  TEST_CASE("null-valued map entries are dropped; null list items and documents are kept") {
    // Kubernetes prunes null object fields before validation (CRD structural
    // schemas; built-in types decode null as unset), but not list items.
    Sink sink;
    auto f =
        load_yaml("f.yaml", "a: ~\nb: null\nc:\nd: 1\ne: [~, 1]\nf: \"null\"\ng: {h: ~}\n", sink);
    REQUIRE(f.docs.size() == 1);
    const auto& root = f.docs[0].root;
    REQUIRE(root.keys.size() == 4);
    CHECK(root.keys[0].first == "d");
    CHECK(root.keys[1].first == "e");
    CHECK(root.keys[2].first == "f");
    CHECK(root.keys[3].first == "g");
    REQUIRE(root.get("e")->items.size() == 2);
    CHECK(root.get("e")->items[0].is_null_value());
    CHECK(root.get("f")->value == "null");
    CHECK(root.get("g")->is_map());
    CHECK(root.get("g")->keys.empty());
    CHECK(sink.items().empty());
    // A repeated key is still reported when the first value is null.
    Sink s2;
    load_yaml("f.yaml", "a: ~\na: 1\n", s2);
    REQUIRE(s2.items().size() == 1);
    CHECK(s2.items()[0].rule == "yaml-duplicate-key");
    Sink s3;
    auto n = load_yaml("f.yaml", "~\n", s3);
    REQUIRE(n.docs.size() == 1);
    CHECK(n.docs[0].root.is_null_value());
  }
  TEST_CASE("merge keys: explicit keys win, earlier maps win, marks point at the source") {
    // YAML 1.1 merge keys, as kubectl (sigs.k8s.io/yaml on go-yaml v2) applies them.
    Sink sink;
    auto f = load_yaml("f.yaml",
                       "a: &a {k: 1, x: 1}\n"
                       "b: &b {k: 2, j: 2}\n"
                       "m:\n"
                       "  <<: *a\n"
                       "  x: 3\n"
                       "n: {<<: [*a, *b], z: 0}\n"
                       "q: {\"<<\": 1}\n",
                       sink);
    CHECK(sink.items().empty());
    REQUIRE(f.docs.size() == 1);
    const auto* m = f.docs[0].root.get("m");
    REQUIRE(m != nullptr);
    REQUIRE(m->keys.size() == 2);
    CHECK(m->get("<<") == nullptr);
    CHECK(m->get("k")->value == "1");
    CHECK(m->key_mark("k").line == 1);
    CHECK(m->key_mark("k").col == 8);
    CHECK(m->get("k")->mark.col == 11);
    CHECK(m->get("x")->value == "3");
    CHECK(m->get("x")->mark.line == 5);
    const auto* n = f.docs[0].root.get("n");
    REQUIRE(n->keys.size() == 4);
    CHECK(n->keys[0].first == "k");
    CHECK(n->get("k")->value == "1");
    CHECK(n->get("j")->value == "2");
    CHECK(n->key_mark("j").line == 2);
    CHECK(n->get("z")->value == "0");
    // A quoted "<<" is an ordinary key.
    CHECK(f.docs[0].root.get("q")->get("<<")->value == "1");
    auto j = isvc::parse::to_json(f.docs[0].root);
    CHECK(j["m"].dump() == R"({"k":1,"x":3})");
  }
  TEST_CASE("merge key with a value that is not a mapping is a syntax error") {
    Sink sink;
    load_yaml("f.yaml", "m:\n  <<: [{a: 1}, 2]\n", sink);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].rule == "yaml-syntax");
    CHECK(sink.items()[0].message ==
          "merge key \"<<\" needs a mapping or a list of mappings, not a scalar");
    CHECK(sink.items()[0].mark.line == 2);
    CHECK(sink.items()[0].mark.col == 16);
  }
  TEST_CASE("bytes kubectl refuses are syntax errors at 1-based line:col; a BOM is fine") {
    struct Case {
      std::string text;
      std::uint32_t line;
      std::uint32_t col;
      const char* message;
    };
    const Case cases[] = {
        {std::string("a: 1\nname: a\0b\n", 14), 2, 8,
         "control character U+0000 is not allowed in YAML"},
        {"a: 1\nname: a\xC3(b\n", 2, 8, "invalid UTF-8 byte 0xC3; YAML input must be UTF-8"},
        {"a: \xC3\xA9\x80\n", 1, 5, "invalid UTF-8 byte 0x80; YAML input must be UTF-8"},
        {"a: \xED\xA0\x80\n", 1, 4, "invalid UTF-8 byte 0xED; YAML input must be UTF-8"},
        {"a: \xC0\xAF\n", 1, 4, "invalid UTF-8 byte 0xC0; YAML input must be UTF-8"},
        {"a: \xE2\x82\n", 1, 4, "invalid UTF-8 byte 0xE2; YAML input must be UTF-8"},
        {"a: x\x1B[0m\n", 1, 5, "control character U+001B is not allowed in YAML"},
        {"a: \xC2\x9B\n", 1, 4, "control character U+009B is not allowed in YAML"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.message);
      Sink sink;
      auto f = load_yaml("f.yaml", c.text, sink);
      CHECK_FALSE(f.complete);
      CHECK(f.docs.empty());
      REQUIRE(sink.items().size() == 1);
      CHECK(sink.items()[0].rule == "yaml-syntax");
      CHECK(sink.items()[0].message == c.message);
      CHECK(sink.items()[0].mark.line == c.line);
      CHECK(sink.items()[0].mark.col == c.col);
    }
    Sink ok;
    auto f = load_yaml("f.yaml",
                       "\xEF\xBB\xBF"
                       "a: \"\xC3\xA9\tt\xE2\x82\xAC\xF0\x9F\x98\x80\"\r\nb: \xC2\x85\n",
                       ok);
    CHECK(ok.items().empty());
    REQUIRE(f.docs.size() == 1);
    CHECK(f.docs[0].root.keys[0].first == "a");
  }
  TEST_CASE("tab indentation and deep nesting get messages that name the problem") {
    Sink sink;
    load_yaml("f.yaml", "a:\n\tb: 1\n", sink);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].message == "tab characters are not allowed for indentation in YAML");
    CHECK(sink.items()[0].mark.line == 2);
    CHECK(sink.items()[0].mark.col == 1);
    Sink s2;
    load_yaml("f.yaml", "a:\n  b: 1\n  \tc: 2\n", s2);
    REQUIRE(s2.items().size() == 1);
    CHECK(s2.items()[0].message == "tab characters are not allowed for indentation in YAML");
    CHECK(s2.items()[0].mark.line == 3);
    CHECK(s2.items()[0].mark.col == 3);
    Sink s3;
    load_yaml("f.yaml", "a: \"x\ty\"\nb: [1,\t2]\n", s3);
    CHECK(s3.items().empty());
    Sink s4;
    load_yaml("f.yaml", std::string(600, '[') + std::string(600, ']') + "\n", s4);
    REQUIRE(s4.items().size() == 1);
    CHECK(s4.items()[0].rule == "yaml-syntax");
    CHECK(s4.items()[0].message == "nesting is deeper than the YAML reader's limit (499 levels)");
  }
  TEST_CASE("columns count characters (code points), not bytes") {
    Sink sink;
    auto f = load_yaml("f.yaml",
                       "\xEF\xBB\xBF"
                       "a: \xC3\xA9\nb: [\xC3\xA9, x, \xF0\x9F\x98\x80, y]\nc: {k: 1}\n",
                       sink);
    REQUIRE(f.docs.size() == 1);
    const auto& root = f.docs[0].root;
    CHECK(root.get("a")->mark.col == 4);
    CHECK(root.get("b")->items[1].mark.col == 8);
    CHECK(root.get("b")->items[3].mark.col == 14);
    CHECK(root.get("c")->key_mark("k").col == 5);
    // A syntax error after non-ASCII text on its line.
    Sink s2;
    load_yaml("f.yaml", "a: [\xC3\xA9\xC3\xA9, {b: 1]\n", s2);
    REQUIRE(s2.items().size() == 1);
    CHECK(s2.items()[0].mark.col == 14); // the "]", byte column 16
    // A long single line with non-ASCII values stays linear (one pass per line).
    std::string line = "{";
    for (int i = 0; i < 20000; ++i) {
      line += "k" + std::to_string(i) + ": \xC3\xA9, ";
    }
    line += "z: 1}\n";
    Sink s3;
    auto g = load_yaml("f.yaml", line, s3);
    REQUIRE(g.docs.size() == 1);
    CHECK(g.docs[0].root.key_mark("k1").col == 9);
    CHECK(g.docs[0].root.key_mark("z").col == line.size() - 6 - 20000 + 1);
  }
  TEST_CASE("multi-document files count empty documents") {
    Sink sink;
    auto f = load_yaml("f.yaml", "a: 1\n---\n---\nb: 2\n", sink);
    REQUIRE(f.docs.size() == 3);
    CHECK(f.docs[1].root.is_null());
    CHECK(f.docs[2].index == 2);
  }
  TEST_CASE("quoted scalars stay strings, plain ones resolve like the API server") {
    Sink sink;
    auto f = load_yaml("f.yaml", "a: \"2\"\nb: 2\nc: yes\nd: ~\ne: 0.5\nf: x\n", sink);
    auto j = isvc::parse::to_json(f.docs[0].root);
    CHECK(j["a"] == "2");
    CHECK(j["b"] == 2);
    CHECK(j["c"] == true);
    CHECK_FALSE(j.contains("d")); // null fields are dropped
    CHECK(j["e"] == 0.5);
    CHECK(j["f"] == "x");
  }
  TEST_CASE("escapes \\N and \\_ decode to UTF-8 (yaml-cpp gives lone bytes 0x85, 0xA0)") {
    Sink sink;
    auto f = load_yaml("f.yaml", "a: \"x\\Ny\\_z\\L\\P\"\n\"k\\N\": 1\n", sink);
    CHECK(sink.items().empty());
    auto j = isvc::parse::to_json(f.docs[0].root);
    CHECK(j["a"] == "x\u0085y\u00a0z\u2028\u2029");
    CHECK(j["k\u0085"] == 1);
    CHECK(j.dump() == "{\"a\":\"x\u0085y\u00a0z\u2028\u2029\",\"k\u0085\":1}");
  }
  TEST_CASE("escapes that would decode to invalid UTF-8 are yaml-syntax errors") {
    // yaml-cpp refuses surrogates and code points past U+10FFFF itself; the loader's own
    // UTF-8 check behind the \\N / \\_ repair is a backstop for anything else.
    for (const char* text : {"a: 1\nb: \"\\uD800\"\n", "a: 1\nb: \"\\U00110000\"\n"}) {
      CAPTURE(text);
      Sink sink;
      load_yaml("f.yaml", text, sink);
      REQUIRE(sink.items().size() == 1);
      CHECK(sink.items()[0].rule == "yaml-syntax");
      CHECK(sink.items()[0].mark.line == 2);
    }
  }
  TEST_CASE("aliases expand, alias bombs are stopped") {
    Sink sink;
    auto f = load_yaml("f.yaml", "a: &x {k: v}\nb: *x\n", sink);
    CHECK(f.docs[0].root.get("b")->get("k")->value == "v");
    std::string bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n";
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; ++c) {
      bomb += std::string(1, c) + ": &" + c + " [";
      for (int i = 0; i < 10; ++i) {
        bomb += std::string(i ? "," : "") + "*" + prev;
      }
      bomb += "]\n";
      prev = c;
    }
    Sink s2;
    auto g = load_yaml("bomb.yaml", bomb, s2);
    REQUIRE(s2.items().size() == 1);
    CHECK(s2.items()[0].rule == "yaml-syntax");
    CHECK(s2.items()[0].message.find("too many nodes") != std::string::npos);
  }
  TEST_CASE("stray flow indicators end parsing instead of looping (found by the fuzzer)") {
    Sink sink;
    auto f = load_yaml("f.yaml", ", 2], 2]", sink);
    CHECK_FALSE(f.complete);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].rule == "yaml-syntax");
    CHECK(sink.items()[0].mark.line == 1);
  }
  TEST_CASE("a v1 List is expanded into its items, each named by the List's index") {
    isvc::diag::Sink sink;
    auto f = isvc::parse::load_yaml("l.yaml",
                                    "a: 1\n---\napiVersion: v1\nkind: List\nitems:\n- kind: A\n"
                                    "  metadata: {name: x}\n- kind: B\n",
                                    sink);
    REQUIRE(sink.items().empty());
    REQUIRE(f.docs.size() == 3);
    CHECK(f.docs[0].ref() == "0");
    CHECK(f.docs[1].ref() == "1/items/0");
    CHECK(f.docs[2].ref() == "1/items/1");
    CHECK(f.docs[1].index >= isvc::parse::k_list_item_base);
    CHECK(f.docs[1].index != f.docs[2].index);
    CHECK(f.docs[1].root.mark.line == 6);
    CHECK(f.docs[2].root.get("kind")->value == "B");
  }
}
