// SPDX-License-Identifier: Apache-2.0
#include "render/external/activation_trigger.hpp"

namespace isvc::render {

emit::Doc activation_trigger(const plan::Activation& a) {
  emit::Doc t = emit::Doc::object();
  t["type"] = "prometheus";
  t["name"] = "activation";
  t["metricType"] = "AverageValue";
  emit::Doc meta = emit::Doc::object();
  meta["activationThreshold"] = "0";
  meta["query"] = a.query;
  meta["serverAddress"] = a.server_address;
  meta["threshold"] = "1";
  t["metadata"] = std::move(meta);
  return t;
}

} // namespace isvc::render
