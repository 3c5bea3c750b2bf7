// libFuzzer target: loading a whole model from bytes, the path the built-in model takes (loadModelBytes in
// model_source.h, which files share after reading): the safetensors reader, then the metadata,
// the config's bounds, the weights-versus-config size check and the tensor-by-tensor matching. Slower per input
// than fuzz_safetensors, which covers the reader alone.
#include <c10/core/Device.h>

#include <cstddef>
#include <cstdint>
#include <exception>

#include "model/model_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    (void)vitlens::loadModelBytes(data, size, "fuzz.safetensors", c10::Device(c10::DeviceType::CPU));
  } catch (const std::exception&) {
  }
  return 0;
}
