#include "model/import_support.h"

#include <cmath>
#include <stdexcept>

#include "model/shape_text.h"

namespace vitlens::import {

void refuse(const std::string& source, const std::string& what) { throw std::runtime_error(source + ": " + what); }

nlohmann::json parseJsonText(const std::string& text, const std::string& source, const std::string& fileName) {
  try {
    nlohmann::json json = nlohmann::json::parse(text);
    if (!json.is_object()) refuse(source, fileName + " is not a JSON object");
    return json;
  } catch (const nlohmann::json::exception& e) {
    refuse(source, fileName + " is not valid JSON (" + e.what() + ")");
  }
}

const at::Tensor* findTensor(const NamedTensors& tensors, const std::string& name) {
  for (const auto& item : tensors) {
    if (item.first == name) return &item.second;
  }
  return nullptr;
}

std::string shapeText(const at::Tensor& tensor) { return vitlens::shapeText(tensor.sizes()); }

namespace {

const nlohmann::json* field(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return nullptr;
  const nlohmann::json& value = object.at(key);
  return value.is_null() ? nullptr : &value;
}

[[noreturn]] void wrongType(const std::string& source, const std::string& where, const char* key, const char* what) {
  refuse(source, where + " '" + key + "' must be " + what);
}

}  // namespace

std::optional<int64_t> optionalInt(const nlohmann::json& object, const char* key, const std::string& source,
                                   const std::string& where) {
  const nlohmann::json* value = field(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) wrongType(source, where, key, "an integer");
  const int64_t number = value->get<int64_t>();
  if (number < 0 || number > 100'000'000) wrongType(source, where, key, "a non-negative integer of sensible size");
  return number;
}

std::optional<bool> optionalBool(const nlohmann::json& object, const char* key, const std::string& source,
                                 const std::string& where) {
  const nlohmann::json* value = field(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) wrongType(source, where, key, "true or false");
  return value->get<bool>();
}

std::optional<std::string> optionalString(const nlohmann::json& object, const char* key, const std::string& source,
                                          const std::string& where) {
  const nlohmann::json* value = field(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) wrongType(source, where, key, "a string");
  return value->get<std::string>();
}

std::optional<double> optionalNumber(const nlohmann::json& object, const char* key, const std::string& source,
                                     const std::string& where) {
  const nlohmann::json* value = field(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) wrongType(source, where, key, "a number");
  const double number = value->get<double>();
  if (!std::isfinite(number)) wrongType(source, where, key, "a finite number");
  return number;
}

std::optional<std::array<float, 3>> optionalTriple(const nlohmann::json& object, const char* key,
                                                   const std::string& source, const std::string& where,
                                                   bool requirePositive) {
  const nlohmann::json* value = field(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array() || value->size() != 3) wrongType(source, where, key, "an array of 3 numbers");
  std::array<float, 3> out{};
  for (size_t i = 0; i < 3; ++i) {
    if (!(*value)[i].is_number()) wrongType(source, where, key, "an array of 3 numbers");
    const double number = (*value)[i].get<double>();
    if (!(std::abs(number) < 1e6) || (requirePositive && !(number > 0.0))) {
      wrongType(source, where, key, requirePositive ? "3 positive numbers" : "3 finite numbers");
    }
    out[i] = static_cast<float>(number);
  }
  return out;
}

std::optional<std::pair<int64_t, int64_t>> optionalImageSize(const nlohmann::json& object, const char* key,
                                                             const std::string& source, const std::string& where) {
  const nlohmann::json* value = field(object, key);
  if (value == nullptr) return std::nullopt;
  const auto sideOf = [&](const nlohmann::json& side) {
    if (!side.is_number_integer() || side.get<int64_t>() <= 0 || side.get<int64_t>() > 8192) {
      wrongType(source, where, key, "an image size (a positive integer or [height, width])");
    }
    return side.get<int64_t>();
  };
  if (value->is_number_integer()) return std::make_pair(sideOf(*value), sideOf(*value));
  if (value->is_array() && value->size() == 2) return std::make_pair(sideOf((*value)[0]), sideOf((*value)[1]));
  if (value->is_array() && value->size() == 3) return std::make_pair(sideOf((*value)[1]), sideOf((*value)[2]));
  wrongType(source, where, key, "an image size (a positive integer or [height, width])");
}

void requireAgrees(const std::optional<int64_t>& stated, int64_t actual, const std::string& field,
                   const std::string& evidence, const std::string& source) {
  if (stated && *stated != actual) {
    refuse(source, field + " is " + std::to_string(*stated) + " but " + evidence + " says " + std::to_string(actual));
  }
}

int64_t squareSide(int64_t positions) {
  if (positions <= 0) return 0;
  const auto side = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(positions))));
  return side * side == positions ? side : 0;
}

}  // namespace vitlens::import
