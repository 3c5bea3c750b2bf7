// OpenBLAS's kernels (model/blas_kernels.h): which core a CPU that OpenBLAS did not recognise gets, and, on such
// a CPU (this project's Emerald Rapids machines with Debian 12's OpenBLAS 0.3.21), that the programs re-execute
// with OPENBLAS_CORETYPE set and end up on the faster kernels; a user's own OPENBLAS_CORETYPE always wins.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QtTest>

#include "cli_runner.h"
#include "model/blas_kernels.h"
#include "model/compute_dtype.h"

using vitlens::CpuFeatures;

Q_DECLARE_METATYPE(CpuFeatures)

namespace {

CpuFeatures withFlags(bool avx512, bool avx2) {
  CpuFeatures cpu;
  cpu.avx512f = cpu.avx512bw = cpu.avx512dq = cpu.avx512vl = avx512;
  cpu.avx2 = cpu.fma = avx2;
  return cpu;
}

// The kernels vitlens-bench ran with (its JSON's blas_kernels), under `environment`.
QString benchKernels(const QProcessEnvironment& environment) {
  const Result result = runProgram(
      QStringLiteral(VITLENS_BENCH_PATH),
      {"--preset", "cifar-seed", "--batch", "1", "--warmup", "0", "--iterations", "1", "--min-seconds", "0", "--json"},
      environment);
  if (result.exitCode != 0) return QStringLiteral("exit %1: %2").arg(result.exitCode).arg(QString(result.err));
  return QJsonDocument::fromJson(result.out).object().value("blas_kernels").toString();
}

}  // namespace

class TestBlasKernels : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void fasterCore_data() {
    QTest::addColumn<QString>("detected");
    QTest::addColumn<CpuFeatures>("cpu");
    QTest::addColumn<QString>("expected");
    QTest::newRow("Prescott on an AVX-512 CPU") << "Prescott" << withFlags(true, true) << "SkylakeX";
    QTest::newRow("Unknown on an AVX-512 CPU") << "Unknown" << withFlags(true, true) << "SkylakeX";
    QTest::newRow("Nehalem on an AVX2 CPU") << "Nehalem" << withFlags(false, true) << "Haswell";
    QTest::newRow("Prescott on a CPU that is one") << "Prescott" << withFlags(false, false) << "";
    QTest::newRow("SkylakeX stands") << "SkylakeX" << withFlags(true, true) << "";
    QTest::newRow("Haswell stands on AVX-512") << "Haswell" << withFlags(true, true) << "";
    QTest::newRow("Zen stands") << "Zen" << withFlags(false, true) << "";
    CpuFeatures partial = withFlags(true, true);
    partial.avx512bw = false;  // AVX-512 F without BW (Knights Landing): not enough for SkylakeX's kernels
    QTest::newRow("AVX-512 F alone gets Haswell") << "Prescott" << partial << "Haswell";
  }
  void fasterCore() {
    QFETCH(QString, detected);
    QFETCH(CpuFeatures, cpu);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(vitlens::fasterBlasCore(detected.toStdString(), cpu)), expected);
  }

  void programsRunOnTheFasterKernels() {
    // This test process was not re-executed: it shows what OpenBLAS chooses on its own here.
    const std::string detected = vitlens::blasCoreName();
    if (detected.empty()) QSKIP("OpenBLAS is not loaded in this build");
    const std::string better = vitlens::fasterBlasCore(detected, vitlens::cpuFeatures());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("OPENBLAS_CORETYPE"));
    environment.remove(QStringLiteral("VITLENS_BLAS_CORE_SET"));
    environment.remove(QStringLiteral("VITLENS_BLAS_CORE"));
    if (better.empty()) {
      QCOMPARE(benchKernels(environment), QString::fromStdString(detected));  // nothing to change
      QSKIP("OpenBLAS recognised this CPU: nothing is re-executed here");
    }
    QCOMPARE(benchKernels(environment), QString::fromStdString(better));
    QProcessEnvironment keep = environment;
    keep.insert(QStringLiteral("VITLENS_BLAS_CORE"), QStringLiteral("keep"));
    QCOMPARE(benchKernels(keep), QString::fromStdString(detected));
    QProcessEnvironment user = environment;
    user.insert(QStringLiteral("OPENBLAS_CORETYPE"), QStringLiteral("Haswell"));
    QCOMPARE(benchKernels(user), QStringLiteral("Haswell"));  // the user's choice wins
  }
};

QTEST_MAIN(TestBlasKernels)
#include "tst_blas_kernels.moc"
