#pragma once
// Which number format the model computes in, and how `auto` chooses. Free of LibTorch.
#include <cstdint>
#include <string>

namespace vitlens {

// Float32: everything float32. BFloat16 / Float16: the transformer blocks' matrix products, GELU and softmax in
// that dtype, LayerNorm and the residual stream float32 (see model/attention.cpp). Int8: the blocks' Linear layers
// as int8 (per-channel weights, activations quantized per batch, oneDNN), everything else float32.
enum class ComputeDtype { Auto, Float32, BFloat16, Float16, Int8 };

// "auto" | "float32" | "bfloat16" | "float16" | "int8" (also "f32", "bf16", "f16"); throws std::invalid_argument.
ComputeDtype parseComputeDtype(const std::string& text);
const char* computeDtypeName(ComputeDtype dtype);  // "auto", "float32", "bfloat16", "float16", "int8"

// The CPU's flags that decide the dtype, read once from /proc/cpuinfo.
struct CpuFeatures {
  bool amxBf16 = false;     // Intel AMX tiles for bfloat16 (Sapphire Rapids and later)
  bool avx512Bf16 = false;  // AVX-512 BF16 dot products (Cooper Lake, Zen 4)
  // What OpenBLAS's kernels need (model/blas_kernels.h): AVX-512 F, BW, DQ and VL for SkylakeX; AVX2 + FMA.
  bool avx512bw = false;
  bool avx512f = false;
  bool avx512dq = false;
  bool avx512vl = false;
  bool avx2 = false;
  bool fma = false;
  // An int8 dot product that accumulates in 32 bits (AVX-512 VNNI, AVX-VNNI, AMX-INT8). Without one, oneDNN's int8
  // kernels add pairs of u8 x s8 products in 16 bits (vpmaddubsw), which saturate for 8-bit activations.
  bool int8Dot = false;
};
const CpuFeatures& cpuFeatures();

// True when the CPU multiplies bfloat16 natively (AVX-512 BF16 or AMX-BF16); without either, oneDNN and OpenBLAS
// emulate bfloat16 and it is slower than float32 (measured: 17x on an AVX2 EPYC).
bool cpuHasNativeBf16();

// bfloat16 pays off once the matrix products dominate: from ViT-S width up.
constexpr int64_t kMinWidthForBf16 = 384;
// int8 likewise needs large matrix products to win over float32 (README, "CPU speed").
constexpr int64_t kMinWidthForInt8 = 384;

// The dtype a model of `modelWidth` runs in on `device` ("cpu" | "cuda"). Auto picks bfloat16 on a CPU with AMX
// and int8 on other CPUs, for models at least kMinWidthForBf16 / kMinWidthForInt8 wide; float32 everywhere else
// (CUDA's reduced precisions are opt-in until measured on a GPU). Measured (README, "CPU speed"): with AMX
// bfloat16 beats int8 (46.7 vs 68.1 ms, ViT-B/16); with AVX-512 BF16 but no AMX int8 beats bfloat16 (107.8 vs
// 298.8 ms), which there is no faster than float32. An explicit choice is kept,
// except float16 on the CPU and int8 on CUDA, which LibTorch cannot run there: std::invalid_argument.
ComputeDtype chooseComputeDtype(ComputeDtype requested, const std::string& device, int64_t modelWidth, bool amxBf16);
inline ComputeDtype resolveComputeDtype(ComputeDtype requested, const std::string& device, int64_t modelWidth) {
  return chooseComputeDtype(requested, device, modelWidth, cpuFeatures().amxBf16);
}

// One sentence saying why `chosen` was picked for `requested` (shown by Model > Precision).
std::string computeDtypeReason(ComputeDtype requested, ComputeDtype chosen, const std::string& device,
                               int64_t modelWidth);

}  // namespace vitlens
