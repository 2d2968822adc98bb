// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "emit/emit.hpp"
#include "kserve/config.hpp"
#include "model/inference_service.hpp"

namespace isvc::plan {
struct Plan;
}

#include <string>
#include <vector>

namespace isvc::render {

enum class Mode { external, kserve };

struct Options {
  Mode mode = Mode::external;
  kserve::Config config;
  /// Override metadata.namespace of every InferenceService (--namespace).
  std::string ns;
  /// Only the refusals are wanted (lint's render-unrenderable): --mode external stops
  /// after its checks, without the hand-over annotations and the re-emitted
  /// InferenceService, which only fill `Result`.
  bool diagnostics_only = false;
};

/// Output of rendering one InferenceService.
struct Result {
  std::vector<emit::Object> objects;
  /// One-line notes for stderr ("nothing to create: ...").
  std::vector<std::string> notes;
};

/// Renders the objects for one InferenceService. Refusals (webhook
/// rejections, intent that cannot be rendered) are error diagnostics.
/// Returns true if the (re-emitted) InferenceService is among `out.objects`;
/// false if render left it alone (not Standard, refused, --mode kserve).
bool render_isvc(const model::InferenceService& isvc,
                 const Options& opts,
                 Result& out,
                 diag::Sink& sink);

/// The same for an already resolved plan (lint's render-unrenderable bridge reuses lint's).
bool render_plan(const plan::Plan& plan, const Options& opts, Result& out, diag::Sink& sink);

} // namespace isvc::render
