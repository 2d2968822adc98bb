// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "emit/emit.hpp"
#include "kserve/component_meta.hpp"
#include "model/extensions.hpp"
#include "plan/plan.hpp"
#include "render/render.hpp"

#include <map>
#include <optional>
#include <string>

namespace isvc::render {

/// Which object carries the scaling in --mode external.
using Engine = plan::Engine;

/// Everything a renderer may read for one component.
struct Context {
  const model::InferenceService& isvc;
  const model::Component& comp;
  const kserve::ComponentMeta& meta;
  const model::Extensions& ext;
  const Options& opts;
  Engine engine;
  diag::Sink& sink;
  const plan::Plan* plan = nullptr;
  /// The plan of this component; nullptr for --mode kserve canary predictors.
  const plan::ComponentPlan* cp = nullptr;

  /// Adds an error diagnostic at `mark` (render refuses the input).
  void refuse(model::Mark mark,
              const std::string& pointer,
              diag::RuleId rule,
              std::string message,
              std::string fix) const;
};

/// `{apiVersion, kind, metadata{name, namespace, labels, annotations}}`; empty
/// namespace/labels/annotations are left out; maps come out sorted.
emit::Doc object_head(const char* api_version,
                      const char* kind,
                      const std::string& name,
                      const std::string& ns,
                      const std::map<std::string, std::string>& labels,
                      const std::map<std::string, std::string>& annotations);

/// Labels isvc-scale puts on what it renders in --mode external.
std::map<std::string, std::string> managed_labels(const Context& ctx);

/// A map as a Doc with sorted keys.
emit::Doc sorted_map(const std::map<std::string, std::string>& m);

/// scaleUp/scaleDown in autoscaling/v2 form, with everything the user wrote.
std::optional<emit::Doc> full_behavior(const model::Behavior& b);

} // namespace isvc::render
