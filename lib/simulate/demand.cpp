// SPDX-License-Identifier: Apache-2.0
#include "simulate/simulate.hpp"

namespace isvc::simulate {

double demand_signal(const Trigger& t, double load, double queue, double served, double util) {
  const std::string& q = t.query;
  auto has = [&](const char* w) { return q.find(w) != std::string::npos; };
  if (t.resource()) {
    return t.target == Target::utilization ? util * 100 : util;
  }
  if (has("> bool 0") || has(">bool 0")) {
    return load > 0 ? 1 : 0;
  }
  if (has("waiting") || has("queue")) {
    return queue;
  }
  if (has("running")) {
    return served;
  }
  if (has("perc") || has("usage") || has("util")) {
    return util;
  }
  if (has("time_to_first_token") || has("latency") || has("duration")) {
    return served > 0 ? queue / served : 0; // seconds a new request waits
  }
  return load;
}

} // namespace isvc::simulate
