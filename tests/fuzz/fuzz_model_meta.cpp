// libFuzzer target: interpreting model metadata. The input is a list of key/value strings separated by NUL bytes
// (key, value, key, value, ...), as they come out of a safetensors __metadata__ block; the "config" value is the
// ViT config JSON. Also feeds the whole input to VitConfig::fromJson.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include "model/model_meta.h"
#include "model/vit_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const vitlens::VitConfig config = vitlens::VitConfig::fromJson(text);
    (void)config.parameterCount();
  } catch (const std::exception&) {
  }
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find('\0', start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::map<std::string, std::string> metadata;
  for (size_t i = 0; i + 1 < parts.size(); i += 2) metadata[parts[i]] = parts[i + 1];
  try {
    const vitlens::ModelMeta meta = vitlens::ModelMeta::fromMetadata(metadata);
    (void)meta.config.parameterCount();
    (void)meta.toMetadata();
    for (int64_t i = 0; i < meta.config.numClasses && i < 4; ++i) (void)meta.label(i);
  } catch (const std::exception&) {
  }
  return 0;
}
