#pragma once
// Small helpers shared by the timm and Hugging Face importers: typed reads from config.json with messages that
// name the file and the field, tensor look-up by name.
#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "model/checkpoint_import.h"

namespace vitlens::import {

// Thrown text is "<source>: <what>".
[[noreturn]] void refuse(const std::string& source, const std::string& what);

nlohmann::json parseJsonText(const std::string& text, const std::string& source, const std::string& fileName);

const at::Tensor* findTensor(const NamedTensors& tensors, const std::string& name);
std::string shapeText(const at::Tensor& tensor);  // model/shape_text.h, for a tensor

// Reads object[key] when present; a wrong type or range is refused, naming `where` (e.g. "config.json model_args").
std::optional<int64_t> optionalInt(const nlohmann::json& object, const char* key, const std::string& source,
                                   const std::string& where);
std::optional<bool> optionalBool(const nlohmann::json& object, const char* key, const std::string& source,
                                 const std::string& where);
std::optional<std::string> optionalString(const nlohmann::json& object, const char* key, const std::string& source,
                                          const std::string& where);
std::optional<double> optionalNumber(const nlohmann::json& object, const char* key, const std::string& source,
                                     const std::string& where);
// Three finite numbers (mean / std); positive ones when requirePositive.
std::optional<std::array<float, 3>> optionalTriple(const nlohmann::json& object, const char* key,
                                                   const std::string& source, const std::string& where,
                                                   bool requirePositive);
// An image size written as an integer or as [height, width] (or timm's [channels, height, width]).
std::optional<std::pair<int64_t, int64_t>> optionalImageSize(const nlohmann::json& object, const char* key,
                                                             const std::string& source, const std::string& where);

// Refuses when a config value disagrees with what the tensors show.
void requireAgrees(const std::optional<int64_t>& stated, int64_t actual, const std::string& field,
                   const std::string& evidence, const std::string& source);

// The integer side of a square grid holding `positions` patches; 0 when positions is not a square.
int64_t squareSide(int64_t positions);

}  // namespace vitlens::import
