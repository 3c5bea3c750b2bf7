// The apps' malloc setting (util/malloc_tuning.h): which environment leaves glibc's thresholds alone, and that
// after tuneMallocForLargeTensors a freed 40 MB block, a batch-16 ViT-B/16 activation's size, is reused from the
// heap, on the main thread and on a worker thread (the GUI's), instead of being mapped and page-faulted in again.
#include <QtTest>

#include <sys/resource.h>

#include <cstdlib>
#include <cstring>
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "util/malloc_tuning.h"

namespace {

using vitlens::MallocTuning;

constexpr size_t kBlock = size_t{40} << 20;  // above glibc's largest adaptive mmap threshold (32 MiB)

// Minor page faults of this thread while it allocates, touches and frees a kBlock `rounds` times.
long faultsOverRounds(int rounds) {
  rusage before{}, after{};
  getrusage(RUSAGE_THREAD, &before);
  for (int round = 0; round < rounds; ++round) {
    auto* block = static_cast<unsigned char*>(std::malloc(kBlock));
    if (block == nullptr) return -1;
    std::memset(block, round + 1, kBlock);
    asm volatile("" : : "r"(block) : "memory");  // the writes must happen: nothing else reads them
    std::free(block);
  }
  getrusage(RUSAGE_THREAD, &after);
  return after.ru_minflt - before.ru_minflt;
}

#if defined(__GLIBC__)
// Bytes glibc holds in mmapped blocks while one kBlock is allocated, minus those before it.
long long mappedGrowthOfOneBlock() {
  const size_t before = mallinfo2().hblkhd;
  auto* volatile block = static_cast<unsigned char*>(std::malloc(kBlock));  // volatile: not optimised away
  if (block == nullptr) return -1;
  block[0] = 1;
  const size_t during = mallinfo2().hblkhd;
  std::free(block);
  return static_cast<long long>(during) - static_cast<long long>(before);
}
#endif

constexpr long kPages = static_cast<long>(kBlock / 4096);

}  // namespace

class TestMallocTuning : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void choice_data();
  void choice();
  void glibcMapsLargeBlocksByDefault();
  void tunedLargeBlocksAreReused();
  void tunedLargeBlocksAreReusedOnAWorkerThread();
  void texts();
};

void TestMallocTuning::choice_data() {
  QTest::addColumn<QString>("vitlensSwitch");
  QTest::addColumn<QString>("glibcTunables");
  QTest::addColumn<QString>("mmapThreshold");
  QTest::addColumn<QString>("trimThreshold");
  QTest::addColumn<int>("expected");
  const QString unset;  // a null QString stands for an unset variable
  const int applied = int(MallocTuning::Applied), off = int(MallocTuning::TurnedOff);
  const int user = int(MallocTuning::UserChosen);
  QTest::newRow("nothing set") << unset << unset << unset << unset << applied;
  QTest::newRow("switch 1") << "1" << unset << unset << unset << applied;
  QTest::newRow("switch 0") << "0" << unset << unset << unset << off;
  QTest::newRow("switch 0 wins over the user's thresholds") << "0"
                                                            << "glibc.malloc.mmap_threshold=1" << unset << unset << off;
  QTest::newRow("tunables without thresholds") << unset << "glibc.malloc.arena_max=2" << unset << unset << applied;
  QTest::newRow("tunable mmap threshold")
      << unset << "glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=65536" << unset << unset << user;
  QTest::newRow("tunable trim threshold") << unset << "glibc.malloc.trim_threshold=0" << unset << unset << user;
  QTest::newRow("MALLOC_MMAP_THRESHOLD_") << unset << unset << "131072" << unset << user;
  QTest::newRow("MALLOC_TRIM_THRESHOLD_") << unset << unset << unset << "0" << user;
}

void TestMallocTuning::choice() {
  QFETCH(QString, vitlensSwitch);
  QFETCH(QString, glibcTunables);
  QFETCH(QString, mmapThreshold);
  QFETCH(QString, trimThreshold);
  QFETCH(int, expected);
  const QByteArray values[] = {vitlensSwitch.toUtf8(), glibcTunables.toUtf8(), mmapThreshold.toUtf8(),
                               trimThreshold.toUtf8()};
  const auto pointer = [&](int i, const QString& text) { return text.isNull() ? nullptr : values[i].constData(); };
  QCOMPARE(int(vitlens::chooseMallocTuning(pointer(0, vitlensSwitch), pointer(1, glibcTunables),
                                           pointer(2, mmapThreshold), pointer(3, trimThreshold))),
           expected);
}

// The baseline the setting changes (and proof that the measurements below can see a mapping): untuned, a 40 MB
// block is its own mapping, and each one is faulted in afresh.
void TestMallocTuning::glibcMapsLargeBlocksByDefault() {
#if defined(__SANITIZE_ADDRESS__) || !defined(__GLIBC__)
  QSKIP("not glibc's allocator");
#else
  QCOMPARE(int(vitlens::mallocTuning()), int(MallocTuning::NotTried));
  QVERIFY(mappedGrowthOfOneBlock() >= static_cast<long long>(kBlock));
  faultsOverRounds(1);
  const long faults = faultsOverRounds(3);
  qInfo("untuned: %ld minor faults over 3 rounds of a 40 MB block (%ld pages each)", faults, kPages);
  // With transparent huge pages a mapping faults in 2 MiB at a time, so only "more than a reused block" holds.
  QVERIFY(faults > 30);
#endif
}

void TestMallocTuning::tunedLargeBlocksAreReused() {
  qunsetenv("VITLENS_MALLOC_TUNING");
  qunsetenv("MALLOC_MMAP_THRESHOLD_");
  qunsetenv("MALLOC_TRIM_THRESHOLD_");
  const MallocTuning tuning = vitlens::tuneMallocForLargeTensors();
  QCOMPARE(int(vitlens::mallocTuning()), int(tuning));
  if (tuning == MallocTuning::UserChosen) QSKIP("GLIBC_TUNABLES sets malloc thresholds in this environment");
  if (tuning == MallocTuning::Unavailable) QSKIP("not glibc's allocator (mallopt refused)");
  QCOMPARE(int(tuning), int(MallocTuning::Applied));
#if defined(__GLIBC__)
  QCOMPARE(mappedGrowthOfOneBlock(), 0LL);
#endif
  faultsOverRounds(1);  // the heap grows once
  const long faults = faultsOverRounds(3);
  qInfo("tuned: %ld minor faults over 3 rounds of a 40 MB block (%ld pages each)", faults, kPages);
  QVERIFY(faults >= 0);
  // Held free for reuse, and counted so (availableMemoryBytes adds it to MemAvailable).
  QVERIFY2(vitlens::mallocFreeBytes() >= kBlock, qPrintable(QString::number(vitlens::mallocFreeBytes())));
  QVERIFY2(faults < 30,
           qPrintable(QString("%1 faults: the freed block was given back and faulted in again").arg(faults)));
}

// The GUI runs the model on a worker thread, whose allocations come from another glibc arena.
void TestMallocTuning::tunedLargeBlocksAreReusedOnAWorkerThread() {
  if (vitlens::mallocTuning() != MallocTuning::Applied) QSKIP("the thresholds were not raised in this process");
  long faults = -1;
  long long mapped = -1;
  std::thread worker([&] {
#if defined(__GLIBC__)
    mapped = mappedGrowthOfOneBlock();
#endif
    faultsOverRounds(1);
    faults = faultsOverRounds(3);
  });
  worker.join();
  qInfo("worker thread, tuned: %ld minor faults over 3 rounds", faults);
#if defined(__GLIBC__)
  QCOMPARE(mapped, 0LL);
#endif
  QVERIFY(faults >= 0);
  QVERIFY(faults < 30);
}

void TestMallocTuning::texts() {
  QCOMPARE(QString(vitlens::mallocTuningText(MallocTuning::Applied)),
           QString("large blocks kept in the heap (up to 256 MiB; 1 GiB kept free)"));
  QVERIFY(QString(vitlens::mallocTuningText(MallocTuning::TurnedOff)).contains("VITLENS_MALLOC_TUNING=0"));
  QVERIFY(QString(vitlens::mallocTuningText(MallocTuning::UserChosen)).contains("GLIBC_TUNABLES"));
}

QTEST_MAIN(TestMallocTuning)
#include "tst_malloc_tuning.moc"
