package io.eventbank.api.account;

import io.eventbank.api.common.Money;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The account commands refuse what the HTTP edge refuses, at each bound. */
class AccountCommandsTest {

    private static final UUID ACCOUNT = UUID.randomUUID();

    @Test
    void anAmountMayBeOneCentToTheMaximum() {
        for (String amount : new String[] {"0.01", Money.MAX_AMOUNT}) {
            assertThat(new DepositMoney(ACCOUNT, Money.of(amount), null).amount()).isEqualTo(Money.of(amount));
            assertThat(new WithdrawMoney(ACCOUNT, Money.of(amount), null).amount()).isEqualTo(Money.of(amount));
        }
    }

    @Test
    void anAmountOfZeroOrOneCentBeyondTheMaximumIsRefused() {
        for (String amount : new String[] {"0", "1000000000000.01"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> new DepositMoney(ACCOUNT, Money.of(amount), null))
                    .withMessageContaining("amount must be positive and at most 1000000000000");
            assertThatIllegalArgumentException().isThrownBy(() -> new WithdrawMoney(ACCOUNT, Money.of(amount), null))
                    .withMessageContaining("amount must be positive and at most 1000000000000");
        }
    }

    @Test
    void aHolderNameHasOneToAHundredCharacters() {
        assertThat(new OpenAccount(ACCOUNT, "n".repeat(100), "owner-1").holderName()).hasSize(100);
        for (String name : new String[] {"", "  ", "n".repeat(101)}) {
            assertThatIllegalArgumentException().isThrownBy(() -> new OpenAccount(ACCOUNT, name, "owner-1"));
        }
    }
}
