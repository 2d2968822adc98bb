// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "app/run_render.hpp"

#include <istream>
#include <ostream>

namespace isvc::app {

/// `render --post-render` (Helm's --post-renderer): the manifest stream on `in` is written to
/// `out` byte for byte, then the rendered objects. Every document must be a Kubernetes object
/// (or empty); InferenceServices must already be handed over as render would hand them over.
/// On any error nothing goes to `out`. Returns 0, 1 (refused) or 2 (no YAML, bad flags).
int run_post_render(const RenderRequest& req,
                    std::istream& in,
                    std::ostream& out,
                    std::ostream& err);

} // namespace isvc::app
