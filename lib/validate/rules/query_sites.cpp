// SPDX-License-Identifier: Apache-2.0
#include "validate/rules/query_sites.hpp"

#include "kserve/component_meta.hpp"
#include "plan/activation.hpp"
#include "plan/model_names.hpp"
#include "promql/presets.hpp"
#include "util/strings.hpp"

namespace isvc::validate {
namespace {

// Offsets map to columns only when the source holds the value verbatim on one
// line: plain, or quoted without escapes. Checked against the file text.
// The line's start comes from the file's line index (no rescan from line 1 per query).
int offset_base(const model::Node& n,
                std::string_view source,
                const util::LineIndex* lines,
                char* quote = nullptr) {
  if (n.value.find('\n') != std::string::npos || n.mark.line == 0 || lines == nullptr) {
    return -1;
  }
  // Marks count characters (code points); O(1) on an ASCII line.
  std::size_t pos = lines->column_byte(source, n.mark.line, n.mark.col);
  if (pos == std::string_view::npos) {
    return -1;
  }
  std::size_t base = n.quoted ? 1 : 0;
  if (pos + base + n.value.size() > source.size() ||
      source.substr(pos + base, n.value.size()) != n.value) {
    return -1;
  }
  if (quote != nullptr) {
    *quote = n.quoted ? source[pos] : '\0';
  }
  return static_cast<int>(base);
}

const model::Node* child(const model::Node* n, const char* key) {
  return n != nullptr ? n->get(key) : nullptr;
}

std::string scalar(const model::Node* n) {
  return n != nullptr && n->is_scalar() ? n->value : std::string();
}

promql::PresetVars vars(const Subject& d, const model::Component& c) {
  return plan::preset_vars(*d.isvc->ns, *d.isvc, c, d.ext);
}

void from_isvc(const Subject& d, std::vector<QuerySite>& out) {
  const auto& isvc = *d.isvc;
  for (const auto& c : isvc.components) {
    if (!c.present) {
      continue;
    }
    for (const auto& m : c.autoscaling.metrics) {
      const bool ext = m.type && *m.type == "External" && m.external.backend &&
                       *m.external.backend == "prometheus";
      const bool pod = m.type && *m.type == "PodMetric";
      const auto& q = ext ? m.external.query : m.podmetric.query;
      if ((!ext && !pod) || !q || q.node == nullptr) {
        continue;
      }
      QuerySite s;
      s.kind = ext ? QueryKind::promql : QueryKind::otel;
      s.text = *q;
      if (ext && util::starts_with(s.text, promql::k_preset_prefix)) {
        const auto* p = promql::find_preset(s.text.substr(promql::k_preset_prefix.size()));
        if (p != nullptr) {
          s.text = promql::expand(*p, vars(d, c));
          s.offset_base = -1;
          s.preset = true;
          s.preset_metric_type = p->metric_type;
        }
      }
      s.mark = q.mark;
      s.pointer = q.pointer;
      if (!s.preset) {
        s.offset_base = offset_base(*q.node, d.source, d.lines, &s.quote);
      }
      const auto& t = ext ? m.external.target : m.podmetric.target;
      // Render gives a preset its own metric type unless the target sets one.
      s.metric_type = t.type ? *t.type : s.preset_metric_type;
      s.ns = *isvc.ns;
      s.owner = *isvc.name;
      s.model = plan::model_names(isvc, c, d.ext).engine; // "" = cannot tell services apart
      out.push_back(std::move(s));
    }
  }
  if (d.ext != nullptr && d.ext->activation_preset) {
    const auto* p = promql::find_preset(*d.ext->activation_preset);
    if (p != nullptr && isvc.predictor().present) {
      QuerySite s;
      s.text = promql::expand(*p, vars(d, isvc.predictor()));
      s.mark = d.ext->activation_preset.mark;
      s.pointer = d.ext->activation_preset.pointer;
      s.metric_type = "AverageValue";
      s.activation = true;
      s.preset = true;
      s.ns = *isvc.ns;
      s.owner = *isvc.name;
      out.push_back(std::move(s));
    }
  }
  if (d.ext != nullptr && d.ext->activation_query && d.ext->activation_query.node != nullptr) {
    QuerySite s;
    // Judge what render emits (it may wrap the query in sum(...) > bool N).
    const auto& ext = *d.ext;
    s.text = promql::activation_query(*ext.activation_query,
                                      ext.activation_threshold ? *ext.activation_threshold : "0");
    s.mark = ext.activation_query.mark;
    s.pointer = ext.activation_query.pointer;
    s.offset_base = s.text == *ext.activation_query
                        ? offset_base(*ext.activation_query.node, d.source, d.lines)
                        : -1;
    s.metric_type = "AverageValue";
    s.activation = true;
    s.ns = *isvc.ns;
    s.owner = *isvc.name;
    out.push_back(std::move(s));
  }
}

void from_scaled_object(const Subject& d, std::vector<QuerySite>& out) {
  const auto* triggers = child(child(&d.root(), "spec"), "triggers");
  if (triggers == nullptr || !triggers->is_seq()) {
    return;
  }
  std::string target = scalar(child(child(child(&d.root(), "spec"), "scaleTargetRef"), "name"));
  for (std::size_t i = 0; i < triggers->items.size(); ++i) {
    const auto& t = triggers->items[i];
    std::string type = scalar(t.get("type"));
    const auto* meta = t.get("metadata");
    std::string base = util::pointer_join(util::pointer_join("/spec/triggers", i), "metadata");
    const char* key =
        type == "prometheus" ? "query"
        : (type == "external" || type == "kedify-otel") && child(meta, "metricQuery") != nullptr
            ? "metricQuery"
            : nullptr;
    const auto* q = key != nullptr ? child(meta, key) : nullptr;
    if (q == nullptr || !q->is_scalar()) {
      continue;
    }
    QuerySite s;
    s.kind = type == "prometheus" ? QueryKind::promql : QueryKind::otel;
    s.text = q->value;
    s.mark = q->mark;
    s.pointer = util::pointer_join(base, key);
    s.offset_base = offset_base(*q, d.source, d.lines, &s.quote);
    s.metric_type = scalar(t.get("metricType"));
    s.activation = scalar(t.get("name")) == "activation";
    s.ns = d.ns();
    s.owner = target.empty() ? d.name() : target;
    out.push_back(std::move(s));
  }
}

} // namespace

model::Mark QuerySite::at(std::size_t offset) const {
  if (offset_base < 0) {
    return mark;
  }
  // `offset` is a byte offset into the query; columns count code points.
  std::uint32_t chars = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    chars += (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U ? 0 : 1;
  }
  return model::Mark{mark.line, mark.col + static_cast<std::uint32_t>(offset_base) + chars};
}

const promql::Parsed& QuerySite::parsed() const {
  if (m_parsed == nullptr) {
    m_parsed = std::make_shared<const promql::Parsed>(promql::parse(text));
  }
  return *m_parsed;
}

// A Subject belongs to the one thread that lints its file, so the memo needs no lock.
const std::vector<QuerySite>& query_sites(const Subject& d) {
  if (d.query_sites_memo == nullptr) {
    auto out = std::make_shared<std::vector<QuerySite>>();
    if (d.isvc != nullptr) {
      from_isvc(d, *out);
    } else if (d.type.kind == "ScaledObject") {
      from_scaled_object(d, *out);
    }
    d.query_sites_memo = std::move(out);
  }
  return *d.query_sites_memo;
}

} // namespace isvc::validate
