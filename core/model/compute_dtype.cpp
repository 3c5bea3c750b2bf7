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
  if (text == "int8") return ComputeDtype::Int8;
  throw std::invalid_argument("unknown dtype '" + text + "' (expected auto, float32, bfloat16, float16 or int8)");
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
    case ComputeDtype::Int8:
      return "int8";
  }
  return "float32";
}

const CpuFeatures& cpuFeatures() {
  static const CpuFeatures features = [] {
    CpuFeatures found;
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
      if (line.rfind("flags", 0) != 0) continue;
      std::istringstream flags(line.substr(line.find(':') + 1));
      std::string flag;
      while (flags >> flag) {
        found.amxBf16 |= flag == "amx_bf16";
        found.avx512Bf16 |= flag == "avx512_bf16";
        found.avx512bw |= flag == "avx512bw";
        found.avx512f |= flag == "avx512f";
        found.avx512dq |= flag == "avx512dq";
        found.avx512vl |= flag == "avx512vl";
        found.avx2 |= flag == "avx2";
        found.fma |= flag == "fma";
        found.int8Dot |= flag == "avx512_vnni" || flag == "avx_vnni" || flag == "amx_int8";
      }
      break;  // every core lists the same flags
    }
    return found;
  }();
  return features;
}

bool cpuHasNativeBf16() { return cpuFeatures().amxBf16 || cpuFeatures().avx512Bf16; }

ComputeDtype chooseComputeDtype(ComputeDtype requested, const std::string& device, int64_t modelWidth, bool amxBf16) {
  const bool cpu = device != "cuda";
  if (requested == ComputeDtype::Float16 && cpu) {
    throw std::invalid_argument("float16 needs a CUDA device; on the CPU use bfloat16, int8 or float32");
  }
  if (requested == ComputeDtype::Int8 && !cpu) {
    throw std::invalid_argument("int8 runs on the CPU only; on CUDA use float16, bfloat16 or float32");
  }
  if (requested != ComputeDtype::Auto) return requested;
  if (!cpu) return ComputeDtype::Float32;
  if (amxBf16) return modelWidth >= kMinWidthForBf16 ? ComputeDtype::BFloat16 : ComputeDtype::Float32;
  return modelWidth >= kMinWidthForInt8 ? ComputeDtype::Int8 : ComputeDtype::Float32;
}

std::string computeDtypeReason(ComputeDtype requested, ComputeDtype chosen, const std::string& device,
                               int64_t modelWidth) {
  const std::string name = computeDtypeName(chosen);
  if (requested != ComputeDtype::Auto) return name + ": chosen by hand.";
  const std::string width = std::to_string(modelWidth);
  if (device == "cuda") return name + ": auto keeps float32 on CUDA (reduced precisions are opt-in there).";
  const CpuFeatures& cpu = cpuFeatures();
  switch (chosen) {
    case ComputeDtype::BFloat16:
      return name + ": this CPU multiplies bfloat16 in AMX tiles and the model is " + width +
             " wide, where bfloat16 is the fastest.";
    case ComputeDtype::Int8:
      return name +
             (cpu.avx512Bf16 ? ": this CPU has AVX-512 BF16 but no AMX, where int8 is faster than bfloat16"
                             : ": this CPU has no native bfloat16") +
             "; for a model " + width + " wide int8 matrix products are faster than float32.";
    default:
      break;
  }
  if (cpu.amxBf16) {
    return name + ": the model is " + width + " wide, below " + std::to_string(kMinWidthForBf16) +
           ", where bfloat16 (AMX) does not pay off.";
  }
  return name + ": the model is " + width + " wide, below " + std::to_string(kMinWidthForInt8) +
         ", where int8 does not pay off on this CPU.";
}

}  // namespace vitlens
