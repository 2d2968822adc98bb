// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>

namespace isvc {

/// Environment failure (unreadable file, bad config file). Bad user *input*
/// is a diagnostic instead; only cli/main.cpp catches this.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace isvc
