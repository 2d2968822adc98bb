// SPDX-License-Identifier: Apache-2.0
// What the KServe preview (render/kserve/) and the external renderer (render/external/)
// share: the note and source labels, the webhook refusal, and the loop over renderers.
#pragma once

#include "kserve/webhook.hpp"
#include "plan/plan.hpp"
#include "render/context.hpp"
#include "render/render.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isvc::render {

/// "<file>#<doc>" of the InferenceService: each object's source.
std::string source_of(const model::InferenceService& isvc);
/// "<source>: InferenceService <name>", the start of every note.
std::string label(const model::InferenceService& isvc);
/// KServe's admission webhook verdict `v`, reported as render's refusal.
void refuse(const model::InferenceService& isvc, const kserve::Violation& v, diag::Sink& sink);
/// Where a non-Standard mode came from, for the note ("" when the annotation says it).
std::string mode_source(const model::InferenceService& isvc, bool annotated);
/// Why KServe creates no HPA or ScaledObject in `mode` (Knative or ModelMesh).
std::string not_standard_reason(const std::string& mode);

/// An autoscaling/v2 `Resource` metric: {type: Resource, resource: {name, target}}.
emit::Doc hpa_resource_metric(std::string_view name, emit::Doc target);
/// A metric target of type Utilization, with averageUtilization when `value` is set.
emit::Doc hpa_utilization(std::optional<std::int64_t> value);

/// One component to render: the plan's in --mode external; in --mode kserve also the canary
/// predictors KServe reconciles, with the controller's internal annotations.
struct Item {
  model::Component comp;
  kserve::ComponentMeta meta;
  Engine engine = Engine::none;
  const plan::ComponentPlan* cp = nullptr;
};

/// Whether a component renders at all in this mode; a note says why not.
using Gate = bool (*)(const Context& ctx, const std::string& label_text, Result& out);

/// Every renderer of `opts.mode` (render/registry.cpp) over `items` that `gate` lets through.
void render_items(const plan::Plan& plan,
                  const Options& opts,
                  const std::vector<Item>& items,
                  const model::Extensions& ext,
                  Gate gate,
                  Result& out,
                  diag::Sink& sink);

/// --mode kserve: what KServe's controller creates (render/kserve/preview.cpp).
bool render_kserve(const plan::Plan& plan, const Options& opts, Result& out, diag::Sink& sink);
/// --mode external: isvc-scale's own objects (render/external/external.cpp).
bool render_external(const plan::Plan& plan, const Options& opts, Result& out, diag::Sink& sink);

} // namespace isvc::render
