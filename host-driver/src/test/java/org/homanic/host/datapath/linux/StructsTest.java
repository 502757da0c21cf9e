package org.homanic.host.datapath.linux;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The struct declarations against the 64-bit Linux C ABI (sizes and offsets as gcc lays them out). */
class StructsTest {

    @Test
    void sizesMatchTheCAbi() {
        assertEquals(16, Structs.SOCKADDR_IN.byteSize());
        assertEquals(28, Structs.SOCKADDR_IN6.byteSize());
        assertEquals(16, Structs.IOVEC.byteSize());
        assertEquals(56, Structs.MSGHDR.byteSize());
        assertEquals(64, Structs.MMSGHDR.byteSize());
        assertEquals(16, Structs.CMSGHDR.byteSize());
        assertEquals(8, Structs.POLLFD.byteSize());
        assertEquals(16, Structs.TIMESPEC.byteSize());
        assertEquals(144, Structs.RUSAGE.byteSize());
    }

    @Test
    void offsetsMatchTheCAbi() {
        assertEquals(2, Structs.offset(Structs.SOCKADDR_IN, "sin_port"));
        assertEquals(4, Structs.offset(Structs.SOCKADDR_IN, "sin_addr"));
        assertEquals(8, Structs.offset(Structs.SOCKADDR_IN6, "sin6_addr"));
        assertEquals(24, Structs.offset(Structs.SOCKADDR_IN6, "sin6_scope_id"));
        assertEquals(8, Structs.mmsg("msg_namelen"));
        assertEquals(16, Structs.mmsg("msg_iov"));
        assertEquals(24, Structs.mmsg("msg_iovlen"));
        assertEquals(32, Structs.mmsg("msg_control"));
        assertEquals(40, Structs.mmsg("msg_controllen"));
        assertEquals(48, Structs.mmsg("msg_flags"));
        assertEquals(6, Structs.offset(Structs.POLLFD, "revents"));
        assertEquals(16, Structs.offset(Structs.RUSAGE, "ru_stime"));
        assertEquals(128, Structs.offset(Structs.RUSAGE, "ru_nvcsw"));
        assertEquals(136, Structs.offset(Structs.RUSAGE, "ru_nivcsw"));
    }

    @Test
    void controlMessageSizesFollowCmsgLenAndCmsgSpace() {
        assertEquals(20, Structs.cmsgLen(4));     // CMSG_LEN(sizeof(int))
        assertEquals(24, Structs.cmsgSpace(4));   // CMSG_SPACE(sizeof(int))
        assertEquals(17, Structs.cmsgLen(1));
        assertEquals(24, Structs.cmsgSpace(1));
    }
}
