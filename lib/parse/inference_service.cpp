// SPDX-License-Identifier: Apache-2.0
#include "parse/inference_service.hpp"

#include "util/strings.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <fmt/format.h>
#include <optional>
#include <string_view>

namespace isvc::parse {
namespace {

using model::Field;
using model::Node;

struct Reader {
  const std::string& file;
  int doc;
  diag::Sink& sink;
  diag::ObjectRef object;

  void error(const Node& at, const std::string& pointer, std::string message) const {
    diag::Diagnostic d;
    d.file = file;
    d.mark = at.mark;
    d.severity = diag::Severity::error;
    d.rule = "schema-type";
    d.message = std::move(message);
    d.fix = "Write the value with the type the field takes (see `isvc-scale rules explain "
            "schema-type`).";
    d.pointer = pointer;
    d.doc = doc;
    d.object = object;
    sink.add(std::move(d));
  }

  template <class T>
  const Node*
  locate(const Node& parent, const char* key, const std::string& base, Field<T>& out) const {
    const Node* n = parent.get(key);
    if (n == nullptr) {
      return nullptr;
    }
    out.mark = n->mark;
    out.pointer = util::pointer_join(base, key);
    out.node = n;
    if (n->is_null_value()) {
      return nullptr; // explicit null means "unset", as in Go's omitempty pointers
    }
    return n;
  }

  void
  str(const Node& parent, const char* key, const std::string& base, Field<std::string>& out) const {
    const Node* n = locate(parent, key, base, out);
    if (n == nullptr) {
      return;
    }
    if (!n->is_scalar()) {
      error(*n, out.pointer, fmt::format("{} must be a string, not {}", key, model::describe(*n)));
      return;
    }
    out.value = n->value;
    out.set = true;
  }

  void integer(const Node& parent,
               const char* key,
               const std::string& base,
               Field<std::int64_t>& out) const {
    const Node* n = locate(parent, key, base, out);
    if (n == nullptr) {
      return;
    }
    auto v = n->is_scalar() && !n->quoted ? util::parse_int(n->value) : std::nullopt;
    if (!v) {
      error(*n, out.pointer,
            fmt::format("{} must be an integer, not {}", key,
                        n->is_scalar() ? fmt::format("\"{}\"", n->value)
                                       : std::string(model::describe(*n))));
      return;
    }
    out.value = *v;
    out.set = true;
  }

  // KServe MetricQuantity: a JSON string verbatim or an integer; anything else
  // fails (metric_quantity.go UnmarshalJSON).
  void quantity(const Node& parent,
                const char* key,
                const std::string& base,
                model::Quantity& out) const {
    const Node* n = locate(parent, key, base, out);
    if (n == nullptr) {
      return;
    }
    // A plain 0.5 or true is a JSON number/bool, which MetricQuantity rejects;
    // plain 500m or 1Gi is a string and fine.
    bool bad_plain = n->is_scalar() && !n->quoted && !util::parse_int(n->value) &&
                     (util::looks_like_float(n->value) || n->value == "true" ||
                      n->value == "false" || n->value == "True" || n->value == "False");
    if (!n->is_scalar() || bad_plain) {
      error(*n, out.pointer,
            fmt::format("{} must be a quoted string or an integer (KServe: value must be string or "
                        "integer), not {}",
                        key, n->is_scalar() ? n->value : std::string(model::describe(*n))));
      return;
    }
    // kubectl reads a plain integer as a JSON number and MetricQuantity keeps
    // strconv.FormatInt of it: 0x10 -> "16", +5 -> "5"; quoted text stays verbatim.
    auto number = n->quoted ? std::nullopt : util::parse_int(n->value);
    out.value = number ? std::to_string(*number) : n->value;
    out.set = true;
  }

  const Node* map(const Node& parent, const char* key, const std::string& base) const {
    const Node* n = parent.get(key);
    if (n == nullptr || n->is_null_value()) {
      return nullptr;
    }
    if (!n->is_map()) {
      error(*n, util::pointer_join(base, key),
            fmt::format("{} must be a mapping, not {}", key, model::describe(*n)));
      return nullptr;
    }
    return n;
  }

  const Node* seq(const Node& parent, const char* key, const std::string& base) const {
    const Node* n = parent.get(key);
    if (n == nullptr || n->is_null_value()) {
      return nullptr;
    }
    if (!n->is_seq()) {
      error(*n, util::pointer_join(base, key),
            fmt::format("{} must be a list, not {}", key, model::describe(*n)));
      return nullptr;
    }
    return n;
  }

  void string_map(const Node& parent,
                  const char* key,
                  const std::string& base,
                  model::StringMap& out) const {
    const Node* n = map(parent, key, base);
    if (n == nullptr) {
      return;
    }
    std::string ptr = util::pointer_join(base, key);
    for (std::size_t i = 0; i < n->keys.size(); ++i) {
      const Node& v = n->items[i];
      const std::string& k = n->keys[i].first;
      Field<std::string> f;
      f.mark = v.is_null() ? n->keys[i].second : v.mark;
      f.pointer = util::pointer_join(ptr, k);
      f.node = &v;
      // Kubernetes label and annotation values are strings: `true` or `8080`
      // unquoted is rejected by the API server.
      if (!v.is_scalar() || !v.quoted) {
        bool plain_string = v.is_scalar() && !v.is_null_value() && !util::parse_int(v.value) &&
                            !util::looks_like_float(v.value) && v.value != "true" &&
                            v.value != "false" && v.value != "True" && v.value != "False" &&
                            v.value != "TRUE" && v.value != "FALSE";
        if (!plain_string) {
          error(v, f.pointer, fmt::format("{} value of \"{}\" must be a string; quote it", key, k));
          continue;
        }
      }
      f.value = v.value;
      f.set = true;
      out.emplace(k, std::move(f));
    }
  }

  void target(const Node& parent, const std::string& base, model::MetricTarget& out) const {
    const Node* t = map(parent, "target", base);
    if (t == nullptr) {
      return;
    }
    out.present = true;
    out.mark = t->mark;
    out.pointer = util::pointer_join(base, "target");
    str(*t, "type", out.pointer, out.type);
    quantity(*t, "value", out.pointer, out.value);
    quantity(*t, "averageValue", out.pointer, out.average_value);
    integer(*t, "averageUtilization", out.pointer, out.average_utilization);
  }

  void metric(const Node& n, const std::string& ptr, model::Metric& m) const {
    m.mark = n.mark;
    m.pointer = ptr;
    str(n, "type", ptr, m.type);
    if (const Node* r = map(n, "resource", ptr)) {
      std::string rp = util::pointer_join(ptr, "resource");
      m.resource.present = true;
      m.resource.mark = r->mark;
      str(*r, "name", rp, m.resource.name);
      target(*r, rp, m.resource.target);
    }
    if (const Node* e = map(n, "external", ptr)) {
      std::string ep = util::pointer_join(ptr, "external");
      auto& x = m.external;
      x.present = true;
      x.mark = e->mark;
      if (const Node* mm = map(*e, "metric", ep)) {
        std::string mp = util::pointer_join(ep, "metric");
        str(*mm, "backend", mp, x.backend);
        str(*mm, "serverAddress", mp, x.server_address);
        str(*mm, "query", mp, x.query);
        str(*mm, "namespace", mp, x.ns);
      }
      if (const Node* a = map(*e, "authenticationRef", ep)) {
        std::string ap = util::pointer_join(ep, "authenticationRef");
        x.auth_present = true;
        if (const Node* inner = map(*a, "authenticationRef", ap)) {
          str(*inner, "name", util::pointer_join(ap, "authenticationRef"), x.auth_name);
        }
        str(*a, "authModes", ap, x.auth_modes);
      }
      target(*e, ep, x.target);
    }
    if (const Node* p = map(n, "podmetric", ptr)) {
      std::string pp = util::pointer_join(ptr, "podmetric");
      auto& x = m.podmetric;
      x.present = true;
      x.mark = p->mark;
      if (const Node* mm = map(*p, "metric", pp)) {
        std::string mp = util::pointer_join(pp, "metric");
        str(*mm, "backend", mp, x.backend);
        str(*mm, "serverAddress", mp, x.server_address);
        str(*mm, "query", mp, x.query);
        str(*mm, "operationOverTime", mp, x.operation_over_time);
        if (const Node* names = seq(*mm, "metricNames", mp)) {
          std::string np = util::pointer_join(mp, "metricNames");
          for (std::size_t i = 0; i < names->items.size(); ++i) {
            const Node& item = names->items[i];
            Field<std::string> f;
            f.mark = item.mark;
            f.pointer = util::pointer_join(np, i);
            f.node = &item;
            if (!item.is_scalar()) {
              error(item, f.pointer, "metricNames entries must be strings");
              continue;
            }
            f.value = item.value;
            f.set = true;
            x.metric_names.push_back(std::move(f));
          }
        }
      }
      target(*p, pp, x.target);
    }
  }

  void rules(const Node& parent,
             const char* key,
             const std::string& base,
             model::ScalingRules& out) const {
    const Node* n = map(parent, key, base);
    if (n == nullptr) {
      return;
    }
    std::string ptr = util::pointer_join(base, key);
    out.present = true;
    out.node = n;
    out.mark = n->mark;
    integer(*n, "stabilizationWindowSeconds", ptr, out.stabilization_window_seconds);
    str(*n, "selectPolicy", ptr, out.select_policy);
    str(*n, "tolerance", ptr, out.tolerance);
    if (const Node* ps = seq(*n, "policies", ptr)) {
      std::string pp = util::pointer_join(ptr, "policies");
      for (std::size_t i = 0; i < ps->items.size(); ++i) {
        const Node& item = ps->items[i];
        if (!item.is_map()) {
          error(item, util::pointer_join(pp, i), "policies entries must be mappings");
          continue;
        }
        model::ScalingPolicy p;
        std::string ip = util::pointer_join(pp, i);
        str(item, "type", ip, p.type);
        integer(item, "value", ip, p.value);
        integer(item, "periodSeconds", ip, p.period_seconds);
        out.policies.push_back(std::move(p));
      }
    }
  }

  void component(const Node& spec, model::Component& c) const {
    const char* key = model::to_string(c.kind);
    const Node* n = map(spec, key, "/spec");
    if (n == nullptr) {
      return;
    }
    c.present = true;
    c.mark = spec.key_mark(key);
    c.pointer = util::pointer_join("/spec", key);
    const std::string& p = c.pointer;
    if (c.kind == model::ComponentKind::predictor) {
      str(*n, "name", p, c.name);
    }
    integer(*n, "minReplicas", p, c.min_replicas);
    integer(*n, "maxReplicas", p, c.max_replicas);
    integer(*n, "scaleTarget", p, c.scale_target);
    str(*n, "scaleMetric", p, c.scale_metric);
    integer(*n, "containerConcurrency", p, c.container_concurrency);
    controller_fields(*n, p, c);
    collect_ports(*n, c);
    c.has_worker_spec = n->get("workerSpec") != nullptr && !n->get("workerSpec")->is_null_value();
    c.has_model = n->get("model") != nullptr && !n->get("model")->is_null_value();
    if (const Node* as = map(*n, "autoScaling", p)) {
      auto& a = c.autoscaling;
      a.present = true;
      a.mark = n->key_mark("autoScaling");
      a.pointer = util::pointer_join(p, "autoScaling");
      if (const Node* ms = seq(*as, "metrics", a.pointer)) {
        std::string mp = util::pointer_join(a.pointer, "metrics");
        for (std::size_t i = 0; i < ms->items.size(); ++i) {
          const Node& item = ms->items[i];
          std::string ip = util::pointer_join(mp, i);
          if (!item.is_map()) {
            error(item, ip, "metrics entries must be mappings");
            continue;
          }
          model::Metric m;
          metric(item, ip, m);
          a.metrics.push_back(std::move(m));
        }
      }
      if (const Node* b = map(*as, "behavior", a.pointer)) {
        a.behavior.present = true;
        a.behavior.node = b;
        a.behavior.mark = as->key_mark("behavior");
        a.behavior.pointer = util::pointer_join(a.pointer, "behavior");
        rules(*b, "scaleUp", a.behavior.pointer, a.behavior.scale_up);
        rules(*b, "scaleDown", a.behavior.pointer, a.behavior.scale_down);
      }
    }
  }

  // What the component reconcilers turn into componentMeta annotations.
  void controller_fields(const Node& n, const std::string& p, model::Component& c) const {
    string_map(n, "annotations", p, c.annotations);
    string_map(n, "labels", p, c.labels);
    implementation(n, p, c);
    if (const Node* l = map(n, "logger", p)) {
      std::string lp = util::pointer_join(p, "logger");
      c.logger.present = true;
      str(*l, "url", lp, c.logger.url);
      str(*l, "mode", lp, c.logger.mode);
      c.logger.headers_present = string_list(*l, "metadataHeaders", lp, c.logger.metadata_headers);
      c.logger.annotations_present =
          string_list(*l, "metadataAnnotations", lp, c.logger.metadata_annotations);
    }
    if (const Node* b = map(n, "batcher", p)) {
      std::string bp = util::pointer_join(p, "batcher");
      c.batcher.present = true;
      integer(*b, "maxBatchSize", bp, c.batcher.max_batch_size);
      integer(*b, "maxLatency", bp, c.batcher.max_latency);
    }
  }

  bool string_list(const Node& parent,
                   const char* key,
                   const std::string& base,
                   std::vector<std::string>& out) const {
    const Node* n = seq(parent, key, base);
    if (n == nullptr) {
      return false;
    }
    for (const Node& item : n->items) {
      if (item.is_scalar()) {
        out.push_back(item.value);
      }
    }
    return true;
  }

  // GetImplementation(): the first framework field set (PredictorSpec order), else
  // the custom container spec; its storageUri is what the storage initializer gets.
  void implementation(const Node& comp, const std::string& p, model::Component& c) const {
    static constexpr std::array<const char*, 11> k_predictors = {
        "xgboost", "pytorch",  "triton", "sklearn",     "tensorflow", "onnx",
        "pmml",    "lightgbm", "paddle", "huggingface", "model"};
    static constexpr std::array<const char*, 1> k_explainers = {"art"};
    const Node* containers = comp.get("containers");
    const Node* first = containers != nullptr && containers->is_seq() && !containers->items.empty()
                            ? &containers->items.front()
                            : nullptr;
    c.has_containers = first != nullptr;
    std::string env_uri;
    bool has_env_uri = false;
    if (first != nullptr) {
      const Node* env = first->get("env");
      for (std::size_t i = 0; env != nullptr && env->is_seq() && i < env->items.size(); ++i) {
        const Node* name = env->items[i].get("name");
        const Node* value = env->items[i].get("value");
        std::string v = value != nullptr && value->is_scalar() ? value->value : "";
        if (name == nullptr || !name->is_scalar()) {
          continue;
        }
        if (name->value == "STORAGE_URI" && !has_env_uri) {
          has_env_uri = true;
          env_uri = v;
        } else if (name->value == "MULTI_MODEL_SERVER" && v == "true") {
          c.multi_model_env = true;
        }
      }
    }
    const char* const* begin = nullptr;
    std::size_t count = 0;
    if (c.kind == model::ComponentKind::predictor) {
      begin = k_predictors.data();
      count = k_predictors.size();
    } else if (c.kind == model::ComponentKind::explainer) {
      begin = k_explainers.data();
      count = k_explainers.size();
    }
    for (std::size_t i = 0; i < count; ++i) {
      const Node* impl = comp.get(begin[i]);
      if (impl == nullptr || !impl->is_map()) {
        continue;
      }
      std::string ip = util::pointer_join(p, begin[i]);
      c.has_implementation = true;
      const Node* format = impl->get("modelFormat");
      const Node* format_name = format != nullptr ? format->get("name") : nullptr;
      c.implementation = begin[i];
      if (format_name != nullptr && format_name->is_scalar()) {
        c.model_format = format_name->value;
      }
      if (const Node* rt = impl->get("runtime"); rt != nullptr && rt->is_scalar()) {
        c.runtime = rt->value;
      }
      command_line(*impl, c.args);
      c.huggingface = std::string_view(begin[i]) == "huggingface" ||
                      (std::string_view(begin[i]) == "model" && format_name != nullptr &&
                       format_name->is_scalar() && format_name->value == "huggingface");
      str(*impl, "storageUri", ip, c.storage_uri);
      if (const Node* st = map(*impl, "storage", ip)) {
        std::string sp = util::pointer_join(ip, "storage");
        c.storage.present = true;
        str(*st, "path", sp, c.storage.path);
        str(*st, "key", sp, c.storage.key);
        if (const Node* params = map(*st, "parameters", sp)) {
          c.storage.params_present = true;
          for (std::size_t k = 0; k < params->keys.size(); ++k) {
            c.storage.params[params->keys[k].first] = params->items[k].value;
          }
        }
      }
      return;
    }
    if (first != nullptr) {
      c.has_implementation = true;
      command_line(*first, c.args);
      if (has_env_uri) {
        c.storage_uri.value = env_uri;
        c.storage_uri.set = true;
      }
    }
  }

  // command then args of a container spec, scalars only.
  static void command_line(const Node& container, std::vector<std::string>& out) {
    for (const char* key : {"command", "args"}) {
      const Node* n = container.get(key);
      for (std::size_t i = 0; n != nullptr && n->is_seq() && i < n->items.size(); ++i) {
        if (n->items[i].is_scalar()) {
          out.push_back(n->items[i].value);
        }
      }
    }
  }

  // Container ports, from the implementation (model, containers[], ...).
  static void collect_ports(const Node& comp, model::Component& c) {
    auto scan_container = [&c](const Node& container) {
      const Node* ports = container.get("ports");
      if (ports == nullptr || !ports->is_seq()) {
        return;
      }
      for (const Node& p : ports->items) {
        const Node* name = p.get("name");
        const Node* number = p.get("containerPort");
        std::int64_t num = 0;
        if (number != nullptr && number->is_scalar()) {
          num = util::parse_int(number->value).value_or(0);
        }
        c.ports.emplace_back(name != nullptr && name->is_scalar() ? name->value : "", num);
      }
    };
    for (std::size_t i = 0; i < comp.keys.size(); ++i) {
      const Node& v = comp.items[i];
      if (comp.keys[i].first == "containers" && v.is_seq()) {
        for (const Node& container : v.items) {
          scan_container(container);
        }
      } else if (v.is_map() && v.get("ports") != nullptr) {
        scan_container(v);
      }
    }
  }
};

std::string scalar_or_empty(const Node* n) {
  return n != nullptr && n->is_scalar() ? n->value : std::string();
}

} // namespace

TypeMeta type_meta(const model::Node& root) {
  return TypeMeta{scalar_or_empty(root.get("apiVersion")), scalar_or_empty(root.get("kind"))};
}

bool is_inference_service(const model::Node& root) {
  auto tm = type_meta(root);
  return tm.kind == "InferenceService" && util::starts_with(tm.api_version, "serving.kserve.io/");
}

model::InferenceService
read_inference_service(const std::string& file, const Document& doc, diag::Sink& sink) {
  model::InferenceService isvc;
  isvc.file = file;
  isvc.doc = doc.index;
  isvc.doc_ref = doc.ref();
  isvc.root = &doc.root;
  isvc.mark = doc.root.mark;
  const Node& root = doc.root;
  const Node* meta = root.get("metadata");
  diag::ObjectRef ref{scalar_or_empty(root.get("apiVersion")), "InferenceService",
                      meta != nullptr ? scalar_or_empty(meta->get("namespace")) : "",
                      meta != nullptr ? scalar_or_empty(meta->get("name")) : ""};
  Reader r{file, doc.index, sink, ref};
  r.str(root, "apiVersion", "", isvc.api_version);
  if (const Node* m = r.map(root, "metadata", "")) {
    r.str(*m, "name", "/metadata", isvc.name);
    r.str(*m, "namespace", "/metadata", isvc.ns);
    r.string_map(*m, "annotations", "/metadata", isvc.annotations);
    r.string_map(*m, "labels", "/metadata", isvc.labels);
  }
  if (const Node* spec = r.map(root, "spec", "")) {
    isvc.components[0].kind = model::ComponentKind::predictor;
    isvc.components[1].kind = model::ComponentKind::transformer;
    isvc.components[2].kind = model::ComponentKind::explainer;
    for (auto& c : isvc.components) {
      r.component(*spec, c);
    }
    if (const Node* list = r.seq(*spec, "canary", "/spec")) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        const Node& item = list->items[i];
        model::Canary c;
        c.mark = item.mark;
        c.pointer = util::pointer_join("/spec/canary", i);
        if (!item.is_map()) {
          continue;
        }
        r.integer(item, "trafficPercent", c.pointer, c.traffic_percent);
        if (const Node* pred = r.map(item, "predictor", c.pointer)) {
          std::string pp = util::pointer_join(c.pointer, "predictor");
          r.str(*pred, "name", pp, c.name);
          r.integer(*pred, "minReplicas", pp, c.min_replicas);
          c.predictor.kind = model::ComponentKind::predictor;
          r.controller_fields(*pred, pp, c.predictor);
          for (const char* k : {"maxReplicas", "scaleTarget", "scaleMetric", "autoScaling"}) {
            if (pred->get(k) != nullptr && !pred->get(k)->is_null_value()) {
              c.forbidden.emplace_back(k, pred->key_mark(k));
            }
          }
        }
        isvc.canaries.push_back(std::move(c));
      }
    }
  }
  return isvc;
}

} // namespace isvc::parse
