// SPDX-License-Identifier: Apache-2.0
#include "promql/analyze.hpp"

#include <doctest/doctest.h>

using namespace isvc::promql;

namespace {

bool single(const char* q) {
  auto p = parse(q);
  REQUIRE_MESSAGE(p.expr, q, ": ", (p.error ? p.error->message : std::string()));
  return returns_single_series(*p.expr);
}

ParseError error_of(const char* q) {
  auto p = parse(q);
  REQUIRE_MESSAGE(p.error, q, " parsed");
  return *p.error;
}

} // namespace

TEST_SUITE("promql") {
  TEST_CASE("recommended KEDA queries (ecosystem.md 4.2) are single-series") {
    for (const char* q :
         {"sum(vllm:num_requests_waiting{namespace=\"NS\",model_name=\"M\"})",
          "sum(vllm:num_requests_running{namespace=\"NS\",model_name=\"M\"})",
          "avg(vllm:kv_cache_usage_perc{namespace=\"NS\",model_name=\"M\"})",
          "histogram_quantile(0.95, sum by (le) "
          "(rate(vllm:time_to_first_token_seconds_bucket{namespace=\"NS\",model_name=\"M\"}[2m])))",
          "histogram_quantile(0.9, sum by (le) (rate(vllm:request_queue_time_seconds_bucket[2m])))",
          "sum(rate(vllm:generation_tokens_total{namespace=\"NS\"}[1m]))",
          "sum(rate(vllm:time_to_first_token_seconds_sum[2m])) / "
          "clamp_min(sum(rate(vllm:time_to_first_token_seconds_count[2m])), 1e-9)",
          "sum(rate(vllm:num_incoming_requests_total[1m]) > bool 0)",
          "sum(llm_d_epp_flow_control_queue_size{inference_pool=\"P\"})",
          "sum(rate(vllm:prompt_tokens_total{namespace=\"default\",model_name=\"opt-125m\"}[2m])) "
          "+ "
          "sum(rate(vllm:generation_tokens_total{namespace=\"default\",model_name=\"opt-125m\"}[2m]"
          "))",
          "scalar(up)", "vector(1)", "sum by () (x)", "(sum(x) > bool 0) * 1", "-sum(x)",
          "max(x) or vector(0)", "count(up == 1)"}) {
      CAPTURE(q);
      CHECK(single(q));
    }
  }
  TEST_CASE("bare selectors, grouped aggregations and per-series functions are not") {
    for (const char* q :
         {"vllm:num_requests_running", "vllm:num_requests_waiting", "rate(x_total[1m])",
          "sum by (pod) (x)", "sum(x) by (pod)", "sum without (pod) (x)", "topk(2, x)",
          "topk by (pod) (1, x)", "sum by (model_name) (x{model_name=~\"m.*\"})",
          "histogram_quantile(0.95, rate(x_bucket[2m]))",
          "histogram_quantile(0.95, sum by (le, pod) (rate(x_bucket[2m])))",
          "{__name__=\"vllm:num_requests_running\"}", "sum(x) / y", "x[5m]",
          "max_over_time(x[5m:1m])"}) {
      CAPTURE(q);
      CHECK_FALSE(single(q));
    }
  }
  TEST_CASE("parse errors carry the byte offset") {
    CHECK(error_of("sum(").offset == 4);
    CHECK(error_of("x{a=\"b\"").offset == 7);
    auto e = error_of("rate(x[5q])");
    CHECK(e.offset == 7);
    CHECK(e.message == "bad duration \"5q\": unknown unit \"q\"");
    CHECK(error_of("sum(x) by pod").message == "expected '(' to start a label list, found 'pod'");
    CHECK(error_of("x{a=b}").message == "label values must be quoted strings");
    CHECK(error_of("1 + bool 2").message ==
          "bool modifier can only be used on comparison operators");
    CHECK(error_of("x $ y").offset == 2);
  }
  TEST_CASE("precedence: * binds tighter than +, ^ is right-associative, unary minus") {
    auto p = parse("a + b * c");
    REQUIRE(p.expr);
    CHECK(p.expr->name == "+");
    CHECK(p.expr->args[1]->name == "*");
    auto q = parse("a ^ b ^ c");
    CHECK(q.expr->args[1]->name == "^");
    auto r = parse("a or b and c");
    CHECK(r.expr->name == "or");
    auto s = parse("x > bool on(pod) group_left y");
    REQUIRE(s.expr);
    CHECK(s.expr->bool_modifier);
  }
  TEST_CASE("selectors and metric names, including {__name__=...} and offset/@") {
    auto p = parse("sum(rate(a:b{x=\"1\"}[5m] offset 1h)) / sum({__name__=\"c\", y!=\"2\"} @ 100)");
    REQUIRE(p.expr);
    auto sels = selectors(*p.expr);
    REQUIRE(sels.size() == 2);
    CHECK(sels[0]->name == "a:b");
    CHECK(sels[1]->name == "c");
    CHECK(sels[1]->matchers[1].op == "!=");
  }
  TEST_CASE("scoping: namespace plus model_name or a label naming the service") {
    auto scoped = [](const char* q, const char* ns, const char* owner) {
      auto p = parse(q);
      REQUIRE(p.expr);
      return is_scoped(*p.expr, ns, owner);
    };
    CHECK(scoped("sum(x{namespace=\"ml\",model_name=\"qwen\"})", "ml", "qwen-svc"));
    CHECK(scoped("sum(x{namespace=\"ml\",pod=~\"qwen-predictor-.*\"})", "ml", "qwen"));
    CHECK_FALSE(scoped("sum(x{namespace=\"ml\"})", "ml", "qwen"));
    CHECK_FALSE(scoped("sum(x{model_name=\"qwen\"})", "ml", "qwen"));
    CHECK_FALSE(scoped("sum(x{namespace=\"other\",model_name=\"m\"})", "ml", "qwen"));
    CHECK_FALSE(scoped("sum(x{namespace=\"ml\",model_name=\"m\"}) / sum(y)", "ml", "qwen"));
    CHECK_FALSE(scoped("vector(1)", "ml", "qwen"));
  }
  TEST_CASE("unguarded division") {
    auto offs = [](const char* q) {
      auto p = parse(q);
      REQUIRE(p.expr);
      return unguarded_divisions(*p.expr);
    };
    CHECK(offs("sum(a) / sum(b)") == std::vector<std::size_t>{7});
    CHECK(offs("sum(a) / clamp_min(sum(b), 1e-9)").empty());
    CHECK(offs("sum(a) / (sum(b) > 0)").empty());
    CHECK(offs("sum(a) / 60").empty());
  }
  TEST_CASE("latency quantiles and top aggregation") {
    auto p = parse("histogram_quantile(0.95, sum by (le) (rate(x_bucket[2m])))");
    CHECK(is_latency_quantile(*p.expr));
    auto q = parse("(avg(x))");
    CHECK(top_aggregation(*q.expr) == "avg");
    CHECK_FALSE(is_latency_quantile(*q.expr));
  }
  TEST_CASE("hostile nesting and length end in a parse error, not a stack overflow") {
    std::string deep = std::string(20000, '(') + "1" + std::string(20000, ')');
    CHECK(error_of(deep.c_str()).message == "expression nested more than 128 levels deep");
    std::string minus = std::string(50000, '-') + "1";
    CHECK(error_of(minus.c_str()).offset == 128);
    std::string chain;
    for (int i = 0; i < 9000; ++i) {
      chain += "sum(x)/sum(y)/";
    }
    chain += "1";
    CHECK(error_of(chain.c_str()).message == "query too long: more than 20000 tokens");
    std::string fine = std::string(100, '(') + "sum(x)" + std::string(100, ')');
    CHECK(single(fine.c_str()));
  }
  TEST_CASE("one series by construction: topk(1), grouping on pinned labels, any keyword case") {
    for (const char* q : {"topk(1, x{namespace=\"ns\"})", "bottomk(1, x)",
                          "sum by (model_name) (x{namespace=\"ns\",model_name=\"qwen\"})", "SUM(x)",
                          "Sum By () (x)", "sum(x) / (1 + sum(y))",
                          "sum({\"__name__\"=\"vllm:num_requests_waiting\",namespace=\"a\"})"}) {
      CAPTURE(q);
      CHECK(single(q));
    }
    auto q = parse("sum({\"__name__\"=\"vllm:x\", \"model_name\"=\"m\", namespace=\"ns\"})");
    REQUIRE(q.expr);
    auto sels = selectors(*q.expr);
    REQUIRE(sels.size() == 1);
    CHECK(sels[0]->name == "vllm:x");
    CHECK(sels[0]->matchers.size() == 3);
    CHECK(sels[0]->matchers[1].label == "model_name");
    CHECK(is_scoped(*q.expr, "ns", "m-predictor"));
  }
  TEST_CASE("count() and 1 + x are safe divisors; empty or match-all matchers do not scope") {
    auto safe = parse("sum(rate(a[1m])) / count(b) + sum(c) / (1 + sum(d))");
    REQUIRE(safe.expr);
    CHECK(unguarded_divisions(*safe.expr).empty());
    auto risky = parse("sum(a) / (sum(b) - 1)");
    REQUIRE(risky.expr);
    CHECK(unguarded_divisions(*risky.expr).size() == 1);
    for (const char* q :
         {"sum(x{namespace=\"ns\",model_name=\"\"})", "sum(x{namespace=\"ns\",model_name=~\".*\"})",
          "sum(x{namespace=~\".+\",pod=~\"m-predictor-.*\"})"}) {
      auto p = parse(q);
      REQUIRE(p.expr);
      CAPTURE(q);
      CHECK_FALSE(is_scoped(*p.expr, "ns", "m-predictor"));
    }
  }
  TEST_CASE("comments are skipped without recursion") {
    std::string many;
    for (int i = 0; i < 200000; ++i) {
      many += "#\n";
    }
    many += "sum(x)";
    CHECK(single(many.c_str()));
  }
}
