// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/node.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace isvc::model {

/// A field read from YAML: its value, whether it was present, and where.
template <class T> struct Field {
  T value{};
  bool set = false;
  Mark mark;
  /// JSON Pointer of the field in its document.
  std::string pointer;
  const Node* node = nullptr;

  explicit operator bool() const { return set; }
  const T& operator*() const { return value; }
  const T* operator->() const { return &value; }
};

/// KServe MetricQuantity: keeps the text the user wrote ("256Mi", "0.6", 123 -> "123").
using Quantity = Field<std::string>;

/// `target` of a metric (Utilization | Value | AverageValue).
struct MetricTarget {
  bool present = false;
  Field<std::string> type;
  Quantity value;
  Quantity average_value;
  Field<std::int64_t> average_utilization;
  Mark mark;
  std::string pointer;
};

struct ResourceSource {
  bool present = false;
  Field<std::string> name; // cpu | memory
  MetricTarget target;
  Mark mark;
};

struct ExternalSource {
  bool present = false;
  Field<std::string> backend; // prometheus | graphite
  Field<std::string> server_address;
  Field<std::string> query;
  Field<std::string> ns;
  bool auth_present = false;
  Field<std::string> auth_name;
  Field<std::string> auth_modes;
  MetricTarget target;
  Mark mark;
};

struct PodMetricSource {
  bool present = false;
  Field<std::string> backend; // opentelemetry
  Field<std::string> server_address;
  Field<std::string> query;
  Field<std::string> operation_over_time;
  std::vector<Field<std::string>> metric_names;
  MetricTarget target;
  Mark mark;
};

/// One `autoScaling.metrics[]` entry.
struct Metric {
  Field<std::string> type; // Resource | External | PodMetric
  ResourceSource resource;
  ExternalSource external;
  PodMetricSource podmetric;
  Mark mark;
  std::string pointer;
};

struct ScalingPolicy {
  Field<std::string> type;
  Field<std::int64_t> value;
  Field<std::int64_t> period_seconds;
};

/// One side (scaleUp / scaleDown) of `autoScaling.behavior`.
struct ScalingRules {
  bool present = false;
  Field<std::int64_t> stabilization_window_seconds;
  Field<std::string> select_policy;
  std::vector<ScalingPolicy> policies;
  Field<std::string> tolerance;
  const Node* node = nullptr;
  Mark mark;
};

struct Behavior {
  bool present = false;
  ScalingRules scale_up;
  ScalingRules scale_down;
  const Node* node = nullptr;
  Mark mark;
  std::string pointer;
};

struct AutoScaling {
  bool present = false;
  std::vector<Metric> metrics;
  Behavior behavior;
  Mark mark;
  std::string pointer;
};

using StringMap = std::map<std::string, Field<std::string>>;

/// `logger` of a component (payload logging).
struct Logger {
  bool present = false;
  Field<std::string> url;
  Field<std::string> mode;
  /// Go keeps nil and empty lists apart: `metadataHeaders: []` still writes "".
  bool headers_present = false;
  std::vector<std::string> metadata_headers;
  bool annotations_present = false;
  std::vector<std::string> metadata_annotations;
};

/// `batcher` of a component.
struct Batcher {
  bool present = false;
  Field<std::int64_t> max_batch_size;
  Field<std::int64_t> max_latency;
};

/// `storage` of the predictor implementation (StorageSpec).
struct StorageSpec {
  bool present = false;
  Field<std::string> path;
  Field<std::string> key;
  bool params_present = false;
  std::map<std::string, std::string> params;
};

enum class ComponentKind : std::uint8_t { predictor, transformer, explainer };

/// "predictor", "transformer", "explainer".
const char* to_string(ComponentKind kind);

/// spec.predictor / spec.transformer / spec.explainer.
struct Component {
  ComponentKind kind = ComponentKind::predictor;
  bool present = false;
  Field<std::string> name; // spec.predictor.name (optional)
  Field<std::int64_t> min_replicas;
  Field<std::int64_t> max_replicas;
  Field<std::int64_t> scale_target;
  Field<std::string> scale_metric;
  Field<std::int64_t> container_concurrency;
  StringMap annotations;
  StringMap labels;
  AutoScaling autoscaling;
  /// `workerSpec` (multi-node) and `model` present (predictor).
  bool has_worker_spec = false;
  bool has_model = false;
  /// GetImplementation().GetStorageUri(): `storageUri` of the implementation, or the
  /// STORAGE_URI env of the first container for a custom one.
  Field<std::string> storage_uri;
  StorageSpec storage;
  Logger logger;
  Batcher batcher;
  /// Facts IsMMSPredictor reads: containers given, MULTI_MODEL_SERVER=true on the
  /// first one, an implementation at all, and whether it is HuggingFace.
  bool has_containers = false;
  bool multi_model_env = false;
  bool has_implementation = false;
  bool huggingface = false;
  /// The implementation's modelFormat.name and runtime (`model:` spec), "" when unset.
  std::string model_format;
  std::string runtime;
  /// Which implementation field was set ("model", "huggingface", ...), "" for custom
  /// containers (containers[0]) or none.
  std::string implementation;
  /// The model server's command line as written: the implementation's command and args, or
  /// containers[0]'s for a custom container (what lib/plan/model_names.cpp reads).
  std::vector<std::string> args;
  /// Name of a container port declared in the component (for PodMonitor checks).
  std::vector<std::pair<std::string, std::int64_t>> ports;
  Mark mark;
  std::string pointer;
};

/// One `spec.canary[]` entry (Standard mode canary rollout).
struct Canary {
  Field<std::string> name; ///< canary.predictor.name
  Field<std::int64_t> min_replicas;
  Field<std::int64_t> traffic_percent;
  /// Fields a canary must not set (it runs fixed replicas), with their positions.
  std::vector<std::pair<std::string, Mark>> forbidden;
  /// canary.predictor read like spec.predictor (what KServe merges over the stable one).
  Component predictor;
  Mark mark;
  std::string pointer;
};

/// A serving.kserve.io/v1beta1 InferenceService, typed where autoscaling needs it.
struct InferenceService {
  std::string file;
  int doc = 0;
  /// The document as output names it ("3", or "0/items/2" for an item of a List).
  std::string doc_ref;
  const Node* root = nullptr;
  Field<std::string> api_version;
  Field<std::string> name;
  Field<std::string> ns;
  StringMap annotations;
  StringMap labels;
  std::array<Component, 3> components;
  std::vector<Canary> canaries;
  Mark mark;

  const Component& predictor() const { return components[0]; }
  const Field<std::string>* annotation(const std::string& key) const;
};

} // namespace isvc::model
