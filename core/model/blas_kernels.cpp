#include "model/blas_kernels.h"

#include <dlfcn.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstring>

namespace vitlens {

std::string fasterBlasCore(const std::string& detected, const CpuFeatures& cpu) {
  // OpenBLAS's x86-64 cores without AVX, and what it reports when it found no match at all.
  static const std::array<const char*, 17> kPreAvx{
      "Prescott", "Core2",  "Penryn",  "Dunnington",    "Nehalem",   "Atom", "Katmai", "Coppermine", "Northwood",
      "Banias",   "Athlon", "Opteron", "Opteron(SSE3)", "Barcelona", "Nano", "Bobcat", "Unknown"};
  bool preAvx = false;
  for (const char* name : kPreAvx) preAvx |= detected == name;
  if (!preAvx) return {};
  if (cpu.avx512f && cpu.avx512bw && cpu.avx512dq && cpu.avx512vl) return "SkylakeX";
  if (cpu.avx2 && cpu.fma) return "Haswell";
  return {};
}

std::string blasCoreName() {
  using CoreName = char* (*)();
  const auto coreName = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
  const char* name = coreName != nullptr ? coreName() : nullptr;
  return name != nullptr ? std::string(name) : std::string();
}

void reexecWithFasterBlasKernels(char** argv) {
  if (std::getenv("OPENBLAS_CORETYPE") != nullptr || std::getenv("VITLENS_BLAS_CORE_SET") != nullptr) return;
  const char* choice = std::getenv("VITLENS_BLAS_CORE");
  if (choice != nullptr && std::strcmp(choice, "keep") == 0) return;
  const std::string detected = blasCoreName();
  const std::string better = fasterBlasCore(detected, cpuFeatures());
  if (better.empty()) return;
  setenv("OPENBLAS_CORETYPE", better.c_str(), 1);
  setenv("VITLENS_BLAS_CORE_SET", detected.c_str(), 1);  // the second run says what OpenBLAS had chosen
  execv("/proc/self/exe", argv);
  // exec failed (no /proc): carry on with OpenBLAS's own kernels; the variables do no harm.
  unsetenv("OPENBLAS_CORETYPE");
  unsetenv("VITLENS_BLAS_CORE_SET");
}

std::string blasKernelsText() {
  const std::string core = blasCoreName();
  if (core.empty()) return {};
  const char* replaced = std::getenv("VITLENS_BLAS_CORE_SET");
  if (replaced != nullptr && *replaced != '\0') {
    return "OpenBLAS kernels: " + core + " (set by vitlens: OpenBLAS took this CPU for " + replaced + ")";
  }
  return "OpenBLAS kernels: " + core;
}

}  // namespace vitlens
