#pragma once
// Which number format the model computes in, and how `auto` chooses. Free of LibTorch.
#include <cstdint>
#include <string>

namespace vitlens {

enum class ComputeDtype { Auto, Float32, BFloat16, Float16 };

// "auto" | "float32" | "bfloat16" | "float16" (also "f32", "bf16", "f16"); throws std::invalid_argument otherwise.
ComputeDtype parseComputeDtype(const std::string& text);
const char* computeDtypeName(ComputeDtype dtype);  // "auto", "float32", "bfloat16", "float16"

// True when the CPU multiplies bfloat16 natively (AVX-512 BF16 or AMX-BF16, from /proc/cpuinfo's flags); without
// either, oneDNN and OpenBLAS emulate bfloat16 and it is slower than float32 (measured: 17x on an AVX2 EPYC).
bool cpuHasNativeBf16();

// bfloat16 pays off once the matrix products dominate: from ViT-S width up.
constexpr int64_t kMinWidthForBf16 = 384;

// The dtype a model of `modelWidth` runs in on `device` ("cpu" | "cuda"). Auto picks bfloat16 on a CPU with native
// bfloat16 for models at least kMinWidthForBf16 wide, float32 everywhere else (CUDA's reduced precisions are
// opt-in until measured on a GPU). An explicit choice is kept, except float16 on the CPU, which LibTorch cannot
// run there: std::invalid_argument.
ComputeDtype chooseComputeDtype(ComputeDtype requested, const std::string& device, int64_t modelWidth, bool nativeBf16);
inline ComputeDtype resolveComputeDtype(ComputeDtype requested, const std::string& device, int64_t modelWidth) {
  return chooseComputeDtype(requested, device, modelWidth, cpuHasNativeBf16());
}

}  // namespace vitlens
