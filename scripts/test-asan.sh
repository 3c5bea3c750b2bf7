#!/usr/bin/env bash
# The core and CLI test suites under AddressSanitizer + UndefinedBehaviorSanitizer (the asan preset, build-asan/).
# The GUI suites are left out: Qt's widgets under ASan add minutes and test Qt more than vitlens.
# Leak detection is off: LibTorch, OpenBLAS and Qt keep global allocations until exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" --deps-only

TESTS=(tst_vit_config tst_vision_transformer tst_safetensors tst_model_file tst_reference_numerics tst_interop tst_image_decode
  tst_image_corpus tst_preprocess tst_heatmap tst_attention_mass tst_analysis tst_npy tst_engine tst_cli tst_training
  tst_train_cli tst_import_cli tst_safe_files tst_hostile_models tst_checkpoint_validation tst_hostile_cli)
(cd "$ROOT" && cmake --preset asan >/dev/null)
cmake --build "$ROOT/build-asan" --parallel "$(nproc)" --target vitlens-cli "${TESTS[@]}"
cd "$ROOT/build-asan"
regex="^($(IFS='|'; echo "${TESTS[*]}"))\$"
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$(nproc)" -R "$regex" "$@"
