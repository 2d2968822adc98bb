// SPDX-License-Identifier: Apache-2.0
// plan::model_names: the API model name and vLLM's model_name label, per runtime and args,
// against what KServe's runtimes and vLLM do (sources in lib/plan/model_names.cpp).
#include "parse/inference_service.hpp"
#include "parse/yaml_loader.hpp"
#include "plan/extensions.hpp"
#include "plan/model_names.hpp"

#include <doctest/doctest.h>
#include <memory>
#include <string>

namespace {

struct Parsed {
  isvc::parse::LoadedFile file;
  isvc::model::InferenceService isvc;
  isvc::model::Extensions ext;
  isvc::diag::Sink sink;
};

// An InferenceService `m` whose predictor is `predictor` (YAML indented by four).
std::unique_ptr<Parsed> read(const std::string& predictor, const std::string& annotations = "") {
  std::string yaml = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                     "metadata:\n  name: m\n  namespace: ml\n  annotations:\n"
                     "    serving.kserve.io/deploymentMode: Standard\n" +
                     annotations + "spec:\n  predictor:\n" + predictor;
  auto p = std::make_unique<Parsed>();
  p->file = isvc::parse::load_yaml("t.yaml", yaml, p->sink);
  REQUIRE(!p->file.docs.empty());
  p->isvc = isvc::parse::read_inference_service("t.yaml", p->file.docs[0], p->sink);
  p->ext = isvc::plan::read_extensions(p->isvc, p->sink);
  return p;
}

isvc::plan::ModelNames names(const std::string& predictor, const std::string& annotations = "") {
  auto p = read(predictor, annotations);
  return isvc::plan::model_names(p->isvc, p->isvc.predictor(), &p->ext);
}

} // namespace

TEST_SUITE("plan::model_names") {
  TEST_CASE("huggingface runtime: --model_id labels vLLM's series, --model_name is the API name") {
    // Seed 002: model_name="facebook/opt-125m" for --model_name=opt-125m
    // --model_id=facebook/opt-125m (huggingfaceserver/__main__.py:233).
    auto n = names("    model:\n      modelFormat: {name: huggingface}\n"
                   "      args: [\"--model_name=opt-125m\", \"--model_id=facebook/opt-125m\", "
                   "\"--backend=vllm\"]\n");
    CHECK(n.engine == "facebook/opt-125m");
    CHECK(n.api == "opt-125m");
    CHECK(n.source == "--model_id");
  }

  TEST_CASE("huggingface runtime from storage: /mnt/models tells no service apart") {
    auto n = names("    model:\n      modelFormat: {name: huggingface}\n"
                   "      storageUri: pvc://models/llama\n");
    CHECK(n.engine.empty());
    CHECK(n.api == "m"); // kserve-huggingfaceserver.yaml:23 --model_name={{.Name}}
    CHECK(n.source.find("model_name=\"/mnt/models\"") != std::string::npos);
    auto dir = names("    model:\n      modelFormat: {name: huggingface}\n"
                     "      args: [--model_dir, /data/llama]\n");
    CHECK(dir.engine.empty());
    CHECK(dir.source.find("\"/data/llama\"") != std::string::npos);
  }

  TEST_CASE("huggingface runtime: --served-model-name wins for both names") {
    // __main__.py:235-236 (API name) and vLLM's served_model_name[0] (metrics label).
    auto n = names("    model:\n      modelFormat: {name: huggingface}\n"
                   "      args: [--model_id=meta-llama/Llama-3.1-8B, --served-model-name, "
                   "llama, llama-alias]\n");
    CHECK(n.engine == "llama");
    CHECK(n.api == "llama");
    auto underscore = names("    model:\n      modelFormat: {name: huggingface}\n"
                            "      args: [--served_model_name=llama]\n");
    CHECK(underscore.engine == "llama");
  }

  TEST_CASE("huggingface runtime named, or the deprecated huggingface: field") {
    auto named = names("    model:\n      modelFormat: {name: huggingface}\n"
                       "      runtime: kserve-huggingfaceserver\n"
                       "      args: [--model_id=Qwen/Qwen2.5-7B-Instruct]\n");
    CHECK(named.engine == "Qwen/Qwen2.5-7B-Instruct");
    CHECK(named.api == "m");
    auto field = names("    huggingface:\n      args: [--model_id=Qwen/Qwen2.5-7B-Instruct]\n");
    CHECK(field.engine == "Qwen/Qwen2.5-7B-Instruct");
  }

  TEST_CASE("huggingface runtime on the Hugging Face backend: no vllm:* series at all") {
    auto n = names("    model:\n      modelFormat: {name: huggingface}\n"
                   "      args: [--model_id=bert-base-uncased, --backend=huggingface]\n");
    CHECK(n.engine.empty());
    CHECK(n.source.find("--backend=huggingface") != std::string::npos);
  }

  TEST_CASE("kserve-vllmserver: --served-model-name={{.Name}}, the user's flag after it wins") {
    // config/runtimes/kserve-vllmserver.yaml:12 (format vLLM), :28; utils.go:260 appends.
    auto n = names("    model:\n      modelFormat: {name: vLLM}\n"
                   "      storageUri: pvc://models/llama\n");
    CHECK(n.engine == "m");
    CHECK(n.api == "m");
    auto own = names("    model:\n      modelFormat: {name: vLLM}\n"
                     "      args: [--served-model-name=llama-8b]\n");
    CHECK(own.engine == "llama-8b");
    CHECK(own.api == "llama-8b");
    auto named = names("    model:\n      modelFormat: {name: vLLM}\n"
                       "      runtime: kserve-vllmserver\n");
    CHECK(named.engine == "m");
  }

  TEST_CASE("a custom container running vLLM: --served-model-name, else --model") {
    auto served = names("    containers:\n    - name: kserve-container\n"
                        "      image: vllm/vllm-openai\n"
                        "      args: [--model, Qwen/Qwen2.5-7B, --served-model-name, qwen]\n");
    CHECK(served.engine == "qwen");
    auto model = names("    containers:\n    - name: kserve-container\n"
                       "      image: vllm/vllm-openai\n      args: [--model=Qwen/Qwen2.5-7B]\n");
    CHECK(model.engine == "Qwen/Qwen2.5-7B");
    auto path = names("    containers:\n    - name: kserve-container\n"
                      "      image: vllm/vllm-openai\n      args: [--model=/mnt/models]\n");
    CHECK(path.engine.empty());
    auto none = names("    containers:\n    - name: kserve-container\n"
                      "      image: vllm/vllm-openai\n");
    CHECK(none.engine.empty());
    CHECK(none.api == "m");
  }

  TEST_CASE("a runtime whose arguments are not in the file, or no vLLM format: unknown") {
    auto custom = names("    model:\n      modelFormat: {name: huggingface}\n"
                        "      runtime: my-vllm\n");
    CHECK(custom.engine.empty());
    CHECK(custom.source.find("\"my-vllm\"") != std::string::npos);
    auto sklearn = names("    model:\n      modelFormat: {name: sklearn}\n");
    CHECK(sklearn.engine.empty());
  }

  TEST_CASE("isvc-scale.io/model-name sets the API name only") {
    auto n = names("    model:\n      modelFormat: {name: huggingface}\n"
                   "      args: [--model_id=facebook/opt-125m]\n",
                   "    isvc-scale.io/model-name: opt\n");
    CHECK(n.api == "opt");
    CHECK(n.engine == "facebook/opt-125m");
  }

  TEST_CASE("last_flag: last occurrence, = or separate value, either spelling") {
    using isvc::plan::last_flag;
    CHECK(last_flag({"--model_id=a", "--model-id", "b"}, "model_id") == "b");
    CHECK(last_flag({"--model_idx=a"}, "model_id").empty());
    CHECK(last_flag({"--served-model-name", "--port=1"}, "served-model-name").empty());
  }
}
