// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace isvc::util {

/// An optional value kept on the heap, copied deeply: one pointer where std::optional<T>
/// takes sizeof(T), for fields that are mostly empty in a type held by the ten thousand
/// (diag::Diagnostic's edit and suppression: 168 of its 488 bytes).
template <class T> class Boxed {
public:
  Boxed() = default;
  // NOLINTBEGIN(google-explicit-constructor): assigned like the std::optional it replaces.
  Boxed(std::nullopt_t) {}
  Boxed(T value) : m_value(std::make_unique<T>(std::move(value))) {}
  Boxed(std::optional<T> value) {
    if (value) {
      m_value = std::make_unique<T>(std::move(*value));
    }
  }
  // NOLINTEND(google-explicit-constructor)
  Boxed(const Boxed& other) : m_value(other ? std::make_unique<T>(*other) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) {
      m_value = other ? std::make_unique<T>(*other) : nullptr;
    }
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;

  bool has_value() const { return m_value != nullptr; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return *m_value; }
  const T& operator*() const { return *m_value; }
  T* operator->() { return m_value.get(); }
  const T* operator->() const { return m_value.get(); }
  void reset() { m_value.reset(); }

private:
  std::unique_ptr<T> m_value;
};

} // namespace isvc::util
