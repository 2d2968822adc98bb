// SPDX-License-Identifier: Apache-2.0
#include "plan/model_name.hpp"

#include "util/strings.hpp"

#include <array>

namespace isvc::plan {
namespace {

constexpr std::array<std::string_view, 2> k_served = {"--served-model-name", "--served_model_name"};

bool served_flag(std::string_view arg) {
  for (auto f : k_served) {
    if (arg == f || util::starts_with(arg, std::string(f) + "=")) {
      return true;
    }
  }
  return false;
}

// The first name the last --served-model-name of `args` gives (vLLM takes a list and labels
// its metrics with the first, vllm/config/model.py get_served_model_name; argparse keeps the
// last flag). "" when the flag is absent; nullopt when the list cannot be read.
std::optional<std::string> from_args(const model::Node* args) {
  std::string out;
  if (args == nullptr) {
    return out;
  }
  if (!args->is_seq()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < args->items.size(); ++i) {
    const auto& a = args->items[i];
    if (!a.is_scalar()) {
      return std::nullopt;
    }
    if (!served_flag(a.value)) {
      continue;
    }
    auto eq = a.value.find('=');
    if (eq != std::string::npos) {
      out = a.value.substr(eq + 1);
    } else if (i + 1 < args->items.size() && args->items[i + 1].is_scalar() &&
               !util::starts_with(args->items[i + 1].value, "-")) {
      out = args->items[i + 1].value;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

} // namespace

std::optional<std::string> served_model_name(const model::InferenceService& isvc,
                                             const model::Component& c,
                                             const model::Extensions* ext) {
  if (ext != nullptr && ext->model_name) {
    return *ext->model_name;
  }
  if (!c.has_model || c.has_containers || isvc.root == nullptr) {
    return std::nullopt;
  }
  const model::Node* spec = isvc.root->get("spec");
  const model::Node* comp = spec != nullptr ? spec->get(model::to_string(c.kind)) : nullptr;
  const model::Node* m = comp != nullptr ? comp->get("model") : nullptr;
  if (m == nullptr || m->get("command") != nullptr) {
    return std::nullopt;
  }
  auto name = from_args(m->get("args"));
  if (!name || name->empty()) {
    return std::nullopt;
  }
  return name;
}

} // namespace isvc::plan
