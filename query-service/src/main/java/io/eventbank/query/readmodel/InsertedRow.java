package io.eventbank.query.readmodel;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * A read-model row whose key comes from an event, so Spring Data cannot tell a new row by a null id: a row built by
 * a projection is new, a loaded one is not. Saving a new row then is a plain insert, without the select of a merge.
 */
@MappedSuperclass
public abstract class InsertedRow<K> implements Persistable<K> {

    @Transient
    private boolean inserted;

    @Override
    public boolean isNew() {
        return !inserted;
    }

    @PostLoad
    @PostPersist
    void markInserted() {
        inserted = true;
    }
}
