// Internal to the Python module: pickling of the result structs, field by
// field. A struct lists its fields once (a Fields<T> specialization); Codec<T>
// turns a value into plain Python values (tuples, lists, ints, dates, NumPy
// arrays for the long columns) and back, recursively, so that every result
// class pickles exactly (tests/python/test_pickle.py walks them all).
#ifndef ONETRIP_BINDINGS_PYTHON_PICKLING_HPP_
#define ONETRIP_BINDINGS_PYTHON_PICKLING_HPP_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "bindings.hpp"

namespace onetrip::python {

// A struct's fields, in pickling order: a specialization defines
//   static constexpr auto list = std::make_tuple(&T::a, &T::b, …);
// Every field must be listed (the round-trip test compares every attribute).
template <class T>
struct Fields;

template <class T, class = void>
struct Codec {
  static py::object dump(const T& v) { return py::cast(v); }
  static T load(py::handle h) { return h.cast<T>(); }
};

// An enum as its number (frozen values: the C ABI mirrors them).
template <class T>
struct Codec<T, std::enable_if_t<std::is_enum_v<T>>> {
  using U = std::underlying_type_t<T>;
  static py::object dump(const T& v) { return py::int_(static_cast<U>(v)); }
  static T load(py::handle h) { return static_cast<T>(h.cast<U>()); }
};

template <class T>
struct Codec<std::optional<T>> {
  static py::object dump(const std::optional<T>& v) { return v ? Codec<T>::dump(*v) : py::none(); }
  static std::optional<T> load(py::handle h) {
    if (h.is_none()) return std::nullopt;
    return Codec<T>::load(h);
  }
};

// A column of numbers as a NumPy array (its dtype states size and byte order).
template <class T>
struct Codec<std::vector<T>, std::enable_if_t<std::is_arithmetic_v<T>>> {
  static py::object dump(const std::vector<T>& v) {
    return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
  }
  static std::vector<T> load(py::handle h) {
    auto a = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(h);
    if (!a || a.ndim() != 1) throw py::value_error("a pickled column is not a one-dimensional array");
    return std::vector<T>(a.data(), a.data() + a.size());
  }
};

template <class T>
struct Codec<std::vector<T>, std::enable_if_t<!std::is_arithmetic_v<T>>> {
  static py::object dump(const std::vector<T>& v) {
    py::list out(v.size());
    for (size_t i = 0; i < v.size(); ++i) out[i] = Codec<T>::dump(v[i]);
    return std::move(out);
  }
  static std::vector<T> load(py::handle h) {
    std::vector<T> out;
    for (py::handle item : h) out.push_back(Codec<T>::load(item));
    return out;
  }
};

// A struct with Fields<T>: a tuple of its fields.
template <class T>
struct Codec<T, std::void_t<decltype(Fields<T>::list)>> {
  static py::object dump(const T& v) {
    return std::apply(
        [&](auto... field) {
          return py::object(py::make_tuple(Codec<std::decay_t<decltype(v.*field)>>::dump(v.*field)...));
        },
        Fields<T>::list);
  }
  static T load(py::handle h) {
    constexpr size_t n = std::tuple_size_v<std::decay_t<decltype(Fields<T>::list)>>;
    auto t = py::reinterpret_borrow<py::tuple>(h);
    if (!py::isinstance<py::tuple>(h) || t.size() != n) {
      throw py::value_error(absl::StrFormat("a pickled record with another number of fields (%d expected)", n));
    }
    T v;
    size_t i = 0;
    std::apply([&](auto... field) { ((v.*field = Codec<std::decay_t<decltype(v.*field)>>::load(t[i++])), ...); },
               Fields<T>::list);
    return v;
  }
};

template <class T>
py::object dump(const T& v) {
  return Codec<T>::dump(v);
}
template <class T>
T load(py::handle h) {
  return Codec<T>::load(h);
}

// Whether two structs with Fields<T> are equal field by field (each field's ==).
template <class T>
bool fields_equal(const T& a, const T& b) {
  return std::apply([&](auto... field) { return ((a.*field == b.*field) && ...); }, Fields<T>::list);
}

// cls.def(struct_pickle<T>()): a struct with Fields<T>, pickled as its fields.
template <class T>
auto struct_pickle() {
  return py::pickle([](const T& v) { return dump(v); }, [](const py::object& state) { return load<T>(state); });
}

// An index read back from a pickle, checked against what it indexes (a
// tampered or mismatched pickle is a ValueError, never a read past the end).
inline void check_index(size_t index, size_t size, const char* what) {
  if (index >= size) {
    throw py::value_error(absl::StrFormat("a pickled %s %d is past the end (there are %d)", what, index, size));
  }
}

}  // namespace onetrip::python

#endif  // ONETRIP_BINDINGS_PYTHON_PICKLING_HPP_
