// SPDX-License-Identifier: Apache-2.0
#include "kserve/internal_annotations.hpp"

#include <fmt/format.h>

namespace isvc::kserve {
namespace {

constexpr const char* k_prefix = "internal.serving.kserve.io/";

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : ",") + items[i];
  }
  return out;
}

// encoding/json string escaping, HTML-safe as json.Marshal writes it.
std::string go_json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char ch : s) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += static_cast<char>(ch);
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&') {
      out += fmt::format("\\u{:04x}", ch);
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out + "\"";
}

// addLoggerAnnotations (components/component.go).
void add_logger(const model::Logger& l, std::map<std::string, std::string>& out) {
  if (!l.present) {
    return;
  }
  out[std::string(k_prefix) + "logger"] = "true";
  if (l.url) {
    out[std::string(k_prefix) + "logger-sink-url"] = *l.url;
  }
  out[std::string(k_prefix) + "logger-mode"] = l.mode ? *l.mode : "";
  if (l.headers_present) {
    out[std::string(k_prefix) + "logger-metadata-headers"] = join(l.metadata_headers);
  }
  if (l.annotations_present) {
    out[std::string(k_prefix) + "logger-metadata-annotations"] = join(l.metadata_annotations);
  }
}

// addBatcherAnnotations: integers via strconv.Itoa.
void add_batcher(const model::Batcher& b, std::map<std::string, std::string>& out) {
  if (!b.present) {
    return;
  }
  out[std::string(k_prefix) + "batcher"] = "true";
  if (b.max_batch_size) {
    out[std::string(k_prefix) + "batcher-max-batchsize"] = std::to_string(*b.max_batch_size);
  }
  if (b.max_latency) {
    out[std::string(k_prefix) + "batcher-max-latency"] = std::to_string(*b.max_latency);
  }
}

// addStorageSpecAnnotations.
void add_storage_spec(const model::StorageSpec& st, std::map<std::string, std::string>& out) {
  if (!st.present) {
    return;
  }
  out[std::string(k_prefix) + "storage-spec"] = "true";
  if (st.params_present) {
    std::string json = "{";
    for (const auto& [k, v] : st.params) { // json.Marshal sorts map keys
      json += (json.size() > 1 ? "," : "") + go_json_string(k) + ":" + go_json_string(v);
    }
    out[std::string(k_prefix) + "storage-spec-param"] = json + "}";
  }
  if (st.key) {
    out[std::string(k_prefix) + "storage-spec-key"] = *st.key;
  }
  if (st.path) {
    std::string path = *st.path;
    if (!path.empty() && path.front() == '/') {
      path.erase(0, 1);
    }
    out[std::string(k_prefix) + "storage-initializer-sourceuri"] = "<scheme-placeholder>://" + path;
  }
}

// IsMMSPredictor (inferenceservice/utils/utils.go) then addAgentAnnotations; the
// memory shard strategy always yields shard 0.
void add_agent(const model::InferenceService& isvc,
               const model::Component& c,
               std::map<std::string, std::string>& out) {
  bool mms = c.has_containers
                 ? c.multi_model_env
                 : c.has_implementation && !c.storage_uri && !c.storage.present && !c.huggingface;
  if (!mms) {
    return;
  }
  out[std::string(k_prefix) + "agent"] = "true";
  out[std::string(k_prefix) + "configVolumeName"] = "modelconfig-" + *isvc.name + "-0";
  out[std::string(k_prefix) + "configMountPath"] = "/mnt/configs";
  out[std::string(k_prefix) + "modelDir"] = "/mnt/models";
}

} // namespace

std::map<std::string, std::string> internal_annotations(const model::InferenceService& isvc,
                                                        const model::Component& c) {
  std::map<std::string, std::string> out;
  add_logger(c.logger, out);
  if (c.kind != model::ComponentKind::explainer) { // explainer.go adds no batcher
    add_batcher(c.batcher, out);
  }
  if (c.kind == model::ComponentKind::predictor) {
    add_storage_spec(c.storage, out);
    add_agent(isvc, c, out);
  }
  if (c.storage_uri) {
    out[std::string(k_prefix) + "storage-initializer-sourceuri"] = *c.storage_uri;
  }
  return out;
}

} // namespace isvc::kserve
