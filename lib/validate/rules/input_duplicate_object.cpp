// SPDX-License-Identifier: Apache-2.0
// The same InferenceService (namespace and name) in two places of the inputs: applied
// together the later silently replaces the earlier (kubectl apply, and kustomize refuses
// duplicate resource ids), and `isvc-scale render` refuses the pair because its objects
// would be written twice. ScaledObjects are keda-workload-multiple-scalers'.
#include "validate/rule.hpp"

#include <fmt/format.h>
#include <map>
#include <string_view>
#include <vector>

namespace isvc::validate {
namespace {

// An InferenceService with a name: where it is, by "<scope>/<name>". One is kept per
// document of a stream, so small: the namespace is the key's head (the scope is the namespace
// unless that is blank: Subject::scope) and the name its tail, the file and apiVersion are
// shared (util::SharedText) and the kind is InferenceService.
struct Named {
  std::string key;
  std::uint32_t name_at = 0; // where the name starts in `key`
  int index = 0;
  util::SharedText file;
  util::SharedText api_version;
  Spot name;
  bool blank_ns = false;

  std::string_view object_name() const { return std::string_view(key).substr(name_at); }
  std::string ns() const { return blank_ns ? std::string() : key.substr(0, name_at - 1); }
  DocRef doc() const {
    return {file,
            index,
            {api_version, util::SharedText::borrow("InferenceService"), ns(),
             std::string(object_name())}};
  }
};

struct Facts {
  std::vector<Named> named;
};

void collect(const Subject& d, std::any& facts) {
  if (d.isvc == nullptr || !d.isvc->name || d.isvc->name->empty()) {
    return;
  }
  auto& f = facts_of<Facts>(facts);
  std::string name = d.name();
  std::string key = d.scope() + "/" + name;
  auto name_at = static_cast<std::uint32_t>(key.size() - name.size());
  f.named.push_back({std::move(key), name_at, d.doc.index, d.shared_file(),
                     util::SharedText::known(d.type.api_version),
                     spot(d, d.isvc->name.mark, d.isvc->name.pointer), d.ns().empty()});
}

// Two documents of one name are one object when they have one scope (Subject::scope): one
// namespace, or a blank namespace in one directory.
void finish(const std::vector<const std::any*>& files, CrossReporter& cr) {
  std::map<std::string_view, const Named*> first;
  for (const std::any* f : files) {
    const auto* facts = std::any_cast<Facts>(f);
    for (std::size_t i = 0; facts != nullptr && i < facts->named.size(); ++i) {
      const Named& d = facts->named[i];
      auto [it, fresh] = first.emplace(d.key, &d);
      if (fresh) {
        continue;
      }
      const Named& was = *it->second;
      const std::string ns = d.ns();
      cr.at(d.doc(), d.name,
            fmt::format("InferenceService {}{} is defined twice, first at {}:{}: applied together "
                        "the later replaces the earlier, and render would write its objects twice",
                        ns.empty() ? "" : ns + "/", d.object_name(), was.file, was.name.mark.line));
    }
  }
}

constexpr CrossRule k_cross{collect, finish};

} // namespace

extern const Rule k_rule_input_duplicate_object = {
    "input-duplicate-object",
    diag::Severity::error,
    Applies::inference_service,
    "the same InferenceService twice in the inputs",
    "Two documents with one namespace and name are one object on the cluster: `kubectl apply` "
    "keeps whichever comes last, kustomize refuses duplicate resource ids, and `isvc-scale render` "
    "refuses the pair because the ScaledObject or HPA of each would have one name. Reported when "
    "both name one namespace, or both leave it blank (the namespace they are applied to) and sit "
    "in one directory; not across directories with a blank namespace, which in a GitOps "
    "tree are separate applications (base and overlays, one per environment; `render` given "
    "both still refuses, because it writes them into one stream). The finding goes to the later "
    "document in input order.",
    "Rename one of them, or delete the copy.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n"
    "  predictor:\n    model:\n      modelFormat:\n        name: sklearn\n---\n"
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n"
    "  predictor:\n    model:\n      modelFormat:\n        name: sklearn\n",
    nullptr,
    &k_cross,
};

} // namespace isvc::validate
