// libFuzzer target: the safetensors reader alone (8-byte length, header JSON, dtype / shape / offset table,
// metadata, the tensors' bytes). Any input must end in a value or an exception; ASan/UBSan and libFuzzer's
// limits catch the rest. fuzz_model_file goes on from here to a whole model load.
#include <cstddef>
#include <cstdint>
#include <exception>

#include "model/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const vitlens::SafetensorsContent content = vitlens::parseSafetensors(data, size, "fuzz.safetensors");
    // Read every byte of every tensor, so an offset or size that escapes the buffer shows up under ASan.
    unsigned checksum = 0;
    for (const auto& item : content.tensors) {
      const auto* bytes = static_cast<const uint8_t*>(item.second.data_ptr());
      const size_t count = item.second.nbytes();
      for (size_t i = 0; i < count; ++i) checksum += bytes[i];
    }
    for (const auto& entry : content.metadata) checksum += static_cast<unsigned>(entry.second.size());
    volatile unsigned sink = checksum;
    (void)sink;
  } catch (const std::exception&) {
  }
  return 0;
}
