// libFuzzer target: the safetensors reader (header JSON, dtype/shape/offset table, data) and, for files that
// parse, the whole model-file load (metadata, config bounds, tensor matching). Any input must end in a value or
// an exception; ASan/UBSan and libFuzzer's limits catch the rest.
#include <c10/core/Device.h>

#include <cstddef>
#include <cstdint>
#include <exception>

#include "model/model_file.h"
#include "model/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const vitlens::SafetensorsContent content = vitlens::parseSafetensors(data, size, "fuzz.safetensors");
    double checksum = 0.0;
    for (const auto& item : content.tensors) {
      if (item.second.numel() > 0) checksum += item.second.sum().item<double>();  // touch every value
    }
    (void)checksum;
  } catch (const std::exception&) {
    return 0;
  }
  try {
    (void)vitlens::loadModelBytes(data, size, "fuzz.safetensors", c10::Device(c10::DeviceType::CPU));
  } catch (const std::exception&) {
  }
  return 0;
}
