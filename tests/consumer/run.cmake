# Installs the library into a fresh prefix, then configures, builds and runs the consumer
# project against it with find_package(coproduction), as a user's project would.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
foreach(step
    "-S;${SOURCE_DIR};-B;${WORK_DIR}/library;-G;${GENERATOR};-DCMAKE_INSTALL_PREFIX=${prefix}"
    "--install;${WORK_DIR}/library"
    "-S;${SOURCE_DIR}/tests/consumer;-B;${WORK_DIR}/build;-G;${GENERATOR};-DCMAKE_PREFIX_PATH=${prefix}"
    "--build;${WORK_DIR}/build")
  execute_process(COMMAND ${CMAKE_COMMAND} ${step} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer step failed: cmake ${step}")
  endif()
endforeach()
execute_process(COMMAND ${WORK_DIR}/build/consumer RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the consumer program failed")
endif()
