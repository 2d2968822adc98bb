// SPDX-License-Identifier: Apache-2.0
#include "app/run_fix.hpp"
#include "fix/apply.hpp"
#include "fix/line_index.hpp"
#include "fix/resolve.hpp"
#include "promql/add_matchers.hpp"

#include <doctest/doctest.h>

using isvc::diag::Edit;
using isvc::model::Mark;

namespace {

std::string fixed(const std::string& text, const Edit& e) {
  isvc::fix::LineIndex ix(text);
  auto patches = isvc::fix::resolve(e, ix);
  return patches.empty() ? std::string("<unsafe>") : isvc::fix::apply(text, patches);
}

} // namespace

TEST_CASE("fix: replace keeps quoting style, comments and CRLF") {
  CHECK(fixed("a: RawDeployment # c\n", Edit::replace({1, 4}, "RawDeployment", "Standard")) ==
        "a: Standard # c\n");
  CHECK(fixed("a: \"RawDeployment\"\r\nb: 1\r\n",
              Edit::replace({1, 4}, "RawDeployment", "Standard")) == "a: \"Standard\"\r\nb: 1\r\n");
  CHECK(fixed("{a: x, q: 'rate(old[1m])'}\n", Edit::replace({1, 11}, "old", "new")) ==
        "{a: x, q: 'rate(new[1m])'}\n");
  // 0.5 written plain would be a float where KEDA wants a string: the one token is quoted.
  CHECK(fixed("threshold: 500m\n", Edit::replace({1, 12}, "500m", "0.5")) ==
        "threshold: \"0.5\"\n");
  // Escapes in a double-quoted scalar make byte and value offsets differ: refused.
  CHECK(fixed("q: \"a\\\"old\"\n", Edit::replace({1, 4}, "old", "new")) == "<unsafe>");
  // A plain scalar continued on the next line is not delimited by its first line: refused.
  CHECK(fixed("q: sum(old)\n  + 1\n", Edit::replace({1, 4}, "old", "new")) == "<unsafe>");
}

TEST_CASE("fix: wrap a block scalar inside its content") {
  CHECK(fixed("q: |\n  vllm:x\nb: 1\n", Edit::wrap_in({1, 4}, "sum(", ")")) ==
        "q: |\n  sum(vllm:x)\nb: 1\n");
  CHECK(fixed("q: vllm:x\n", Edit::wrap_in({1, 4}, "sum(", ")")) == "q: sum(vllm:x)\n");
  // In block context braces are the scalar's own: the wrap closes after the last one.
  CHECK(fixed("q: vllm:x{a=\"b\"} # c\n", Edit::wrap_in({1, 4}, "sum(", ")")) ==
        "q: sum(vllm:x{a=\"b\"}) # c\n");
  // In a flow mapping opened on this line they end it; on a line continuing one opened
  // earlier the scalar's end is not known: refused.
  CHECK(fixed("m: {q: vllm:x, t: 1}\n", Edit::wrap_in({1, 8}, "sum(", ")")) ==
        "m: {q: sum(vllm:x), t: 1}\n");
  // A flow indicator in the new value would end a flow scalar: the token is quoted.
  CHECK(fixed("m: {q: vllm:x, t: 1}\n", Edit::replace({1, 8}, "vllm:x", "vllm:x{a='b'}")) ==
        "m: {q: \"vllm:x{a='b'}\", t: 1}\n");
  CHECK(fixed("m: {t: 1,\n  q: vllm:x}\n", Edit::wrap_in({2, 6}, "sum(", ")")) == "<unsafe>");
  CHECK(fixed("m: {t: 1,\n  q: vllm:x,\n  u: 2}\n", Edit::wrap_in({2, 6}, "sum(", ")")) ==
        "<unsafe>");
}

TEST_CASE("fix: delete an entry only when it fills its line") {
  CHECK(fixed("m:\n  metricName: q # old\n  query: x\n", Edit::remove({2, 3})) ==
        "m:\n  query: x\n");
  CHECK(fixed("m: {metricName: q, query: x}\n", Edit::remove({1, 5})) == "<unsafe>");
  CHECK(fixed("m:\r\n  metricName: q\r\n  query: x\r\n", Edit::remove({2, 3})) ==
        "m:\r\n  query: x\r\n");
}

TEST_CASE("fix: rename a key, plain or quoted") {
  CHECK(fixed("target:\n  value: \"5\"\n", Edit::rename({2, 3}, "averageValue")) ==
        "target:\n  averageValue: \"5\"\n");
  CHECK(fixed("\"value\": 5\n", Edit::rename({1, 1}, "averageValue")) == "\"averageValue\": 5\n");
}

TEST_CASE("fix: columns count characters and a BOM is skipped on line 1") {
  std::string text = "\xEF\xBB\xBF"
                     "a: RawDeployment\n";
  CHECK(fixed(text, Edit::replace({1, 4}, "RawDeployment", "Standard")) == "\xEF\xBB\xBF"
                                                                           "a: Standard\n");
  CHECK(fixed("# é\nb: é RawDeployment\n", Edit::replace({2, 4}, "RawDeployment", "x")) ==
        "# é\nb: é x\n");
}

TEST_CASE("fix: unified diff has context lines and applies line numbers") {
  std::string text = "1\n2\n3\n4\nmode: RawDeployment\n6\n7\n8\n9\n";
  isvc::fix::LineIndex ix(text);
  auto p = isvc::fix::resolve(Edit::replace({5, 7}, "RawDeployment", "Standard"), ix);
  CHECK(isvc::fix::unified_diff("f.yaml", text, p) ==
        "--- f.yaml\n+++ f.yaml\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-mode: RawDeployment\n+mode: "
        "Standard\n 6\n 7\n 8\n");
  // Two changes in one hunk: the lines between them are context, not - and +.
  std::string two = "a: RawDeployment\nb\nc\nd: RawDeployment\ne\n";
  isvc::fix::LineIndex ix2(two);
  auto p1 = isvc::fix::resolve(Edit::replace({1, 4}, "RawDeployment", "Standard"), ix2);
  auto p2 = isvc::fix::resolve(Edit::replace({4, 4}, "RawDeployment", "Standard"), ix2);
  p1.insert(p1.end(), p2.begin(), p2.end());
  CHECK(isvc::fix::unified_diff("f.yaml", two, p1) ==
        "--- f.yaml\n+++ f.yaml\n@@ -1,5 +1,5 @@\n-a: RawDeployment\n+a: Standard\n b\n c\n"
        "-d: RawDeployment\n+d: Standard\n e\n");
  // Two passes' result as one diff: only the lines that differ, a hunk for each group, a
  // removed line and a changed one side by side in one.
  CHECK(isvc::fix::unified_diff_texts("f.yaml", "1\nx\n3\n4\n5\n6\n7\n8\n9\n10\nm: a\nq: y\n11\n",
                                      "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nq: z\n11\n") ==
        "--- f.yaml\n+++ f.yaml\n@@ -1,5 +1,5 @@\n 1\n-x\n+X\n 3\n 4\n 5\n@@ -8,6 +8,5 @@\n 8\n"
        " 9\n 10\n-m: a\n-q: y\n+q: z\n 11\n");
  CHECK(isvc::fix::unified_diff_texts("f.yaml", "a\nb", "a\nc") ==
        "--- f.yaml\n+++ f.yaml\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No "
        "newline at end of file\n");
}

TEST_CASE("fix: a fix overlapping one taken is dropped whole, never half-applied") {
  using isvc::diag::Patch;
  auto p = [](std::size_t b, std::size_t e, std::string t) { return Patch{b, e, t, {}, {}}; };
  std::string text = "abcdefghij";
  // Fix 2 (two patches) clashes with fix 1 in its second patch only: neither of its patches
  // is applied; fix 3 is independent and goes in.
  auto taken =
      isvc::fix::whole_fixes({{p(2, 4, "X")}, {p(0, 1, "Y"), p(3, 5, "Z")}, {p(8, 9, "W")}});
  CHECK(isvc::fix::apply(text, taken) == "abXefghWj");
  // Two findings asking for the same change make one patch; two insertions at one offset clash.
  taken = isvc::fix::whole_fixes({{p(1, 1, "(")}, {p(1, 1, "(")}, {p(1, 1, "[")}});
  CHECK(isvc::fix::apply(text, taken) == "a(bcdefghij");
  // An insertion inside a replaced range overlaps it; one at its end does not.
  taken = isvc::fix::whole_fixes({{p(2, 6, "-")}, {p(4, 4, "+")}, {p(6, 6, ")")}});
  CHECK(isvc::fix::apply(text, taken) == "ab-)ghij");
}

TEST_CASE("fix: copy an entry as a sibling, in block and flow style") {
  auto copy = [](Mark m) { return Edit::copy_as(m, "averageValue"); };
  // Block: a line of its own at the key's column, the line's own CRLF, the token as written.
  CHECK(fixed("t:\r\n  type: AverageValue\r\n  value: \"5\" # x\r\nn: 1\r\n", copy({3, 3})) ==
        "t:\r\n  type: AverageValue\r\n  value: \"5\" # x\r\n  averageValue: \"5\"\r\nn: 1\r\n");
  CHECK(fixed("- value: 500m", copy({1, 3})) == "- value: 500m\n  averageValue: 500m");
  // Flow: `, key: value` after the token, on the same line.
  CHECK(fixed("target: {type: AverageValue, value: '5'}\n", copy({1, 30})) ==
        "target: {type: AverageValue, value: '5', averageValue: '5'}\n");
  // A flow mapping continued on the next line, a block scalar, more after the value: refused.
  CHECK(fixed("t: {value: 5\n  }\n", copy({1, 5})) == "<unsafe>");
  CHECK(fixed("value: |\n  5\n", copy({1, 1})) == "<unsafe>");
}

TEST_CASE("fix: add_matchers writes the missing matchers into every selector, nothing else") {
  using isvc::promql::add_matchers;
  std::vector<isvc::promql::AddMatcher> add = {{"namespace", "ml"}, {"model_name", "qwen"}};
  CHECK(add_matchers("sum(vllm:num_requests_waiting)", add) ==
        "sum(vllm:num_requests_waiting{namespace=\"ml\",model_name=\"qwen\"})");
  // A label already matched is left as written; a trailing comma and spaces stay.
  CHECK(add_matchers("sum(rate(vllm:x{namespace=\"ml\", } [1m])) / max(vllm:y)", add) ==
        "sum(rate(vllm:x{namespace=\"ml\", model_name=\"qwen\"} [1m])) / "
        "max(vllm:y{namespace=\"ml\",model_name=\"qwen\"})");
  CHECK(add_matchers("{__name__=\"vllm:x\"} offset 5m", add, '\'') ==
        "{__name__=\"vllm:x\",namespace='ml',model_name='qwen'} offset 5m");
  CHECK(add_matchers("vllm:x{model_name=\"a}b\"}", add) ==
        "vllm:x{model_name=\"a}b\",namespace=\"ml\"}");
  CHECK(add_matchers("sum(", add) == std::nullopt);
  CHECK(add_matchers("vllm:x", {{"namespace", "a\"b"}}) == std::nullopt);
}

namespace {

// An InferenceService in namespace ml whose External metric has `query` on one line, its
// model run with `args` (a flow list, or none).
std::string isvc_with_query(const std::string& query,
                            const std::string& extra_annotation = "",
                            const std::string& args = "[--served-model-name, qwen]") {
  return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
         "  name: qwen\n  namespace: ml\n  annotations:\n"
         "    serving.kserve.io/deploymentMode: Standard\n"
         "    serving.kserve.io/autoscalerClass: keda\n" +
         extra_annotation +
         "spec:\n  predictor:\n    minReplicas: 1\n    maxReplicas: 4\n    model:\n"
         "      modelFormat:\n        name: huggingface\n" +
         (args.empty() ? std::string() : "      args: " + args + "\n") +
         "    autoScaling:\n      metrics:\n"
         "      - type: External\n        external:\n          metric:\n"
         "            backend: prometheus\n"
         "            serverAddress: http://prometheus.monitoring.svc:9090\n"
         "            query: " +
         query +
         "\n          target:\n            type: AverageValue\n            averageValue: \"5\"\n";
}

std::string fixed_text(const std::string& text) {
  isvc::validate::LintOptions opts;
  opts.jobs = 1;
  return isvc::app::fix_text(text, opts).text;
}

} // namespace

TEST_CASE("fix: promql-not-scoped gets the namespace and the model name the input states") {
  // Plain scalar: matchers with "..." strings; the rest of the file byte for byte. The model
  // name is the first --served-model-name: what vLLM labels its series with.
  auto before = isvc_with_query("sum(vllm:num_requests_waiting) # queue");
  CHECK(fixed_text(before) ==
        isvc_with_query("sum(vllm:num_requests_waiting{namespace=\"ml\",model_name=\"qwen\"}) "
                        "# queue"));
  CHECK(fixed_text(isvc_with_query("sum(vllm:x)", "", "[\"--served-model-name=a\", b]")) ==
        isvc_with_query("sum(vllm:x{namespace=\"ml\",model_name=\"a\"})", "",
                        "[\"--served-model-name=a\", b]"));
  // isvc-scale.io/model-name is the API name (the router's `model` label), not vLLM's
  // model_name (plan::model_names): without --served-model-name it cannot scope, no fix.
  auto api_only = isvc_with_query("'sum(vllm:num_requests_running{namespace=\"ml\"})'",
                                  "    isvc-scale.io/model-name: qwen-7b\n", "");
  CHECK(fixed_text(api_only) == api_only);
  // In a double-quoted scalar "..." would need escapes: PromQL's '...' strings instead.
  CHECK(fixed_text(isvc_with_query("\"sum(vllm:num_requests_running)\"")) ==
        isvc_with_query("\"sum(vllm:num_requests_running{namespace='ml',model_name='qwen'})\""));
  // Nothing states the served name: KServe's --model_name={{.Name}} does not reach vLLM's
  // labels (they carry the model id or path), so neither the InferenceService name nor a
  // --model_name arg is taken: no fix. Nor for a served-model-name flag without a value.
  for (std::string args : {"", "[--model_name=qwen]", "[--served-model-name]"}) {
    CAPTURE(args);
    auto q = isvc_with_query("sum(vllm:num_requests_waiting)", "", args);
    CHECK(fixed_text(q) == q);
  }
  // Not every selector a vLLM series (model_name may not exist), a selector on another
  // namespace, escapes in the scalar: the finding stays, no fix.
  for (std::string q : {"sum(tgi_queue_size)", "sum(vllm:x{namespace=\"other\"})",
                        "\"sum(vllm:x{pod=~\\\"a.*\\\"})\""}) {
    CAPTURE(q);
    CHECK(fixed_text(isvc_with_query(q)) == isvc_with_query(q));
  }
}
