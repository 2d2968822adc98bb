// SPDX-License-Identifier: Apache-2.0
#include "plan/model_names.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace isvc::plan {
namespace {

// vLLM's FlexibleArgumentParser reads --served_model_name as --served-model-name; KServe's
// huggingfaceserver flags are spelled with underscores (--model_id, --model_name): the same
// flag either way here.
std::string flag_key(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

bool is_path(const std::string& v) { return !v.empty() && (v[0] == '/' || v[0] == '.'); }

const char* const k_mnt_models = "/mnt/models";

ModelNames from_served(const std::string& served, const std::string& isvc, const char* source) {
  std::string name = served.empty() ? isvc : served;
  return {name, name, served.empty() ? source : "--served-model-name"};
}

// KServe's huggingface runtime: config/runtimes/kserve-huggingfaceserver.yaml:23 passes
// --model_name={{.Name}} (the InferenceService name, utils.go ReplacePlaceholders:325) and the
// user's args follow it (utils.go MergeRuntimeContainers:252-260: runtime + isvc args, so the
// last flag wins). python/huggingfaceserver/huggingfaceserver/__main__.py:233 gives vLLM
// `args.model = args.model_id or args.model_dir` (--model_dir defaults to /mnt/models,
// __main__.py:80-84) and leaves vLLM's --served-model-name as the user set it; vLLM's
// served_model_name falls back to the model (vllm/config/model.py get_served_model_name) and
// labels every series with it (vllm/v1/metrics/loggers.py:168-169). The API name is
// --served-model-name[0] if given (__main__.py:235-236), else --model_name
// (huggingfaceserver/vllm/vllm_model.py:115-122 serves the OpenAI API under it).
ModelNames huggingface(const model::InferenceService& isvc, const std::vector<std::string>& args) {
  ModelNames n;
  std::string served = last_flag(args, "served-model-name");
  std::string model_name = last_flag(args, "model_name");
  n.api = !served.empty() ? served : !model_name.empty() ? model_name : *isvc.name;
  if (last_flag(args, "backend") == "huggingface") {
    n.source =
        "the huggingface runtime runs the Hugging Face backend here (--backend=huggingface), "
        "which exports no vllm:* series";
    return n;
  }
  std::string model_id = last_flag(args, "model_id");
  std::string model_dir = last_flag(args, "model_dir");
  if (!served.empty()) {
    n.engine = served;
    n.source = "--served-model-name";
  } else if (!model_id.empty()) {
    n.engine = model_id;
    n.source = "--model_id";
  } else {
    std::string dir = model_dir.empty() ? k_mnt_models : model_dir;
    n.source = fmt::format("under the huggingface runtime without --model_id or "
                           "--served-model-name vLLM labels its series model_name=\"{}\", the "
                           "model directory every such InferenceService shares",
                           dir);
  }
  return n;
}

ModelNames custom_container(const model::InferenceService& isvc,
                            const std::vector<std::string>& args) {
  std::string served = last_flag(args, "served-model-name");
  if (!served.empty()) {
    return {served, served, "--served-model-name"};
  }
  // vLLM's served_model_name falls back to --model (vllm/config/model.py
  // get_served_model_name).
  std::string model = last_flag(args, "model");
  if (model.empty()) {
    return {*isvc.name, "",
            "the container's command line names no --served-model-name and no model, so the "
            "model_name label vLLM uses is not known"};
  }
  if (is_path(model)) {
    return {model, "",
            fmt::format("vLLM labels its series with the model path \"{}\" (no "
                        "--served-model-name), which other InferenceServices can share",
                        model)};
  }
  return {model, model, "--model"};
}

} // namespace

std::string last_flag(const std::vector<std::string>& args, std::string_view flag) {
  std::string want = "--" + flag_key(flag);
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto eq = a.find('=');
    std::string key = flag_key(a.substr(0, eq));
    if (key != want) {
      continue;
    }
    if (eq != std::string::npos) {
      out = a.substr(eq + 1);
    } else if (i + 1 < args.size() && !util::starts_with(args[i + 1], "--")) {
      out = args[i + 1]; // nargs="+" (--served-model-name a b): the first name labels
    }
  }
  return out;
}

ModelNames model_names(const model::InferenceService& isvc,
                       const model::Component& c,
                       const model::Extensions* ext) {
  ModelNames n;
  const std::string& rt = c.runtime;
  // KServe selects a runtime by exact modelFormat name when none is named
  // (pkg/apis/serving/v1beta1/predictor_model.go:149-162 "mt:" + name labels, autoSelect).
  bool vllm_runtime = util::starts_with(rt, "kserve-vllmserver") ||
                      (rt.empty() && c.implementation == "model" && c.model_format == "vLLM");
  bool hf_runtime =
      util::starts_with(rt, "kserve-huggingfaceserver") || (rt.empty() && c.huggingface);
  if (vllm_runtime) {
    // config/runtimes/kserve-vllmserver.yaml:28 --served-model-name={{.Name}}: the
    // InferenceService name, unless the user's args (appended after it) name another.
    n = from_served(last_flag(c.args, "served-model-name"), *isvc.name,
                    "the kserve-vllmserver runtime's --served-model-name={{.Name}}");
  } else if (hf_runtime) {
    n = huggingface(isvc, c.args);
  } else if (c.implementation.empty() && c.has_containers) {
    n = custom_container(isvc, c.args);
  } else if (std::string served = last_flag(c.args, "served-model-name"); !served.empty()) {
    n = {served, served, "--served-model-name"};
  } else {
    n.api = *isvc.name;
    n.source = !rt.empty() ? fmt::format("the arguments runtime \"{}\" passes to vLLM are not "
                                         "known, so neither is the model_name label",
                                         rt)
                           : fmt::format("no vLLM runtime serves modelFormat \"{}\", so the "
                                         "model_name label is not known",
                                         c.model_format);
  }
  if (ext != nullptr && ext->model_name) {
    n.api = *ext->model_name;
  }
  return n;
}

} // namespace isvc::plan
