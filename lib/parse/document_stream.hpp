// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "diag/diagnostic.hpp"
#include "parse/yaml_loader.hpp"
#include "util/line_index.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace isvc::parse {

/// Takes one parsed document (moved from).
using DocumentFn = std::function<void(Document&&)>;

/// Parses `text` one document at a time: each document (each item of a `kind: List`, as
/// load_yaml gives them) goes to `on_doc` before the next is parsed, so a caller that does not
/// keep them holds one document's tree at a time (lint of a 64k-document stream). Findings and
/// stop rules are load_yaml's; false if a syntax error (or a refused byte) stopped parsing.
/// `lines`, when given, is the caller's index of `text`, used instead of one of its own.
bool for_each_document(const std::string& path,
                       std::string_view text,
                       diag::Sink& sink,
                       const DocumentFn& on_doc,
                       const util::LineIndex* lines = nullptr);

} // namespace isvc::parse
