// SPDX-License-Identifier: Apache-2.0
// Which llm-d endpoint picker (EPP) releases can wake an InferenceService from zero.
#pragma once

#include "model/extensions.hpp"
#include "promql/presets.hpp"

#include <optional>
#include <string>
#include <utility>

namespace isvc::plan {

/// The preset that reads the EPP's flow-control queue.
inline constexpr const char* k_epp_preset = "llm-d-epp";

/// (major, minor) of a release written v0.9.0, 0.9, v0.10.0-rc.1 ...; nullopt otherwise.
std::optional<std::pair<int, int>> llm_d_version(const std::string& text);

/// The EPP named by isvc-scale.io/llm-d-version holds requests in its flow-control queue while
/// the pool has no endpoint, so llm_d_epp_flow_control_queue_size rises at zero pods: true from
/// llm-d-router v0.9.0. There the director admits through flow control before it looks for
/// endpoint candidates (llm-d-router pkg/epp/requestcontrol/director.go:286-296 at v0.9.0), the
/// controller counts a request as queued for as long as EnqueueAndWait blocks
/// (pkg/epp/flowcontrol/controller/controller.go:217-225), the candidates are looked up again at
/// each dispatch for scale-from-zero (pkg/epp/flowcontrol/contracts/dependencies.go:26-29), and
/// both saturation detectors call an empty pool saturated (pkg/epp/framework/plugins/
/// flowcontrol/saturationdetector/concurrency/detector.go:128-130, utilization/detector.go:
/// 116-118), which the dispatch cycle reads (pkg/epp/flowcontrol/controller/internal/
/// processor.go:339-355), so nothing is dispatched until a pod is ready.
bool epp_queues_at_zero(const model::Extensions& ext);
/// The same for a release as written (the annotation on a rendered ScaledObject).
bool epp_queues_at_zero(const std::string& release);

/// A load preset that can serve as the activation source when epp_queues_at_zero.
bool activates_with_epp(const promql::Preset& p);

/// Why llm-d-epp cannot be the activation source without isvc-scale.io/llm-d-version >= v0.9.0,
/// and the fix (lint and render say the same).
extern const char* const k_epp_too_old;
extern const char* const k_epp_too_old_fix;

} // namespace isvc::plan
