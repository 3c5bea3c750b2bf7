#include "model/compute_dtype.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vitlens {

ComputeDtype parseComputeDtype(const std::string& text) {
  if (text == "auto") return ComputeDtype::Auto;
  if (text == "float32" || text == "f32") return ComputeDtype::Float32;
  if (text == "bfloat16" || text == "bf16") return ComputeDtype::BFloat16;
  if (text == "float16" || text == "f16") return ComputeDtype::Float16;
  throw std::invalid_argument("unknown dtype '" + text + "' (expected auto, float32, bfloat16 or float16)");
}

const char* computeDtypeName(ComputeDtype dtype) {
  switch (dtype) {
    case ComputeDtype::Auto:
      return "auto";
    case ComputeDtype::Float32:
      return "float32";
    case ComputeDtype::BFloat16:
      return "bfloat16";
    case ComputeDtype::Float16:
      return "float16";
  }
  return "float32";
}

bool cpuHasNativeBf16() {
  static const bool native = [] {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
      if (line.rfind("flags", 0) != 0) continue;
      std::istringstream flags(line.substr(line.find(':') + 1));
      std::string flag;
      while (flags >> flag) {
        if (flag == "avx512_bf16" || flag == "amx_bf16") return true;
      }
      return false;  // every core lists the same flags
    }
    return false;
  }();
  return native;
}

ComputeDtype chooseComputeDtype(ComputeDtype requested, const std::string& device, int64_t modelWidth,
                                bool nativeBf16) {
  const bool cpu = device != "cuda";
  if (requested == ComputeDtype::Float16 && cpu) {
    throw std::invalid_argument("float16 needs a CUDA device; on the CPU use bfloat16 or float32");
  }
  if (requested != ComputeDtype::Auto) return requested;
  return cpu && nativeBf16 && modelWidth >= kMinWidthForBf16 ? ComputeDtype::BFloat16 : ComputeDtype::Float32;
}

}  // namespace vitlens
