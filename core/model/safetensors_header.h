#pragma once
// The JSON header of a safetensors file, parsed strictly: duplicate keys (nlohmann would keep the last), deep
// nesting, more tensors than any ViT has and more values than any real header holds are refused while parsing, so
// a small hostile header costs neither gigabytes nor minutes. Internal to the model library (nlohmann is private).
#include <nlohmann/json.hpp>

#include <stdexcept>

namespace vitlens {

// What is wrong with the header, without the file's name (the reader adds it).
class HeaderProblem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Linear in the header's size. Throws HeaderProblem.
nlohmann::json parseHeader(const char* begin, const char* end);

}  // namespace vitlens
