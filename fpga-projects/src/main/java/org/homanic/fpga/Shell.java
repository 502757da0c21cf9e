package org.homanic.fpga;

/** The FPGA NIC shells the generated NIC drops into. */
public enum Shell {
    /** Corundum (github.com/corundum/corundum): the NIC sits in the application block, {@code mqnic_app_block}. */
    CORUNDUM("Corundum", "https://github.com/corundum/corundum"),
    /** AMD OpenNIC shell (github.com/Xilinx/open-nic-shell): the NIC is the user plugin of the 250 MHz box. */
    OPENNIC("AMD OpenNIC shell", "https://github.com/Xilinx/open-nic-shell");

    private final String title;
    private final String repository;

    Shell(String title, String repository) {
        this.title = title;
        this.repository = repository;
    }

    public String title() {
        return title;
    }

    public String repository() {
        return repository;
    }
}
