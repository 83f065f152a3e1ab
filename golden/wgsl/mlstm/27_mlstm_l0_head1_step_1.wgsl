// mlstm_l0_head1_step_1: one time step of mlstm_l0_head1: n' (mlstm.cell:20)
// one thread per four elements along the last axis of [B, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = 0u;
  let i0 = id;
  let f_pre = work_buf[(140u * sizes.B * sizes.T + 44u * sizes.B + tau * sizes.B + i0 * 1u + 0u) / 4u][(140u * sizes.B * sizes.T + 44u * sizes.B + tau * sizes.B + i0 * 1u + 0u) % 4u];
  let neg9 = -(f_pre);
  let softplus10 = (max(neg9, 0.0) + log(1.0 + exp(-abs(neg9))));
  let log_f = -(softplus10);
  let m = work_buf[(108u * sizes.B * sizes.T + 40u * sizes.B + read_slot * sizes.B + i0 * 1u + 0u) / 4u][(108u * sizes.B * sizes.T + 40u * sizes.B + read_slot * sizes.B + i0 * 1u + 0u) % 4u];
  let add12 = (log_f + m);
  let i_pre = work_buf[(136u * sizes.B * sizes.T + 44u * sizes.B + tau * sizes.B + i0 * 1u + 0u) / 4u][(136u * sizes.B * sizes.T + 44u * sizes.B + tau * sizes.B + i0 * 1u + 0u) % 4u];
  let sub13 = (add12 - i_pre);
  let relu14 = max(sub13, 0.0);
  let m_next = (i_pre + relu14);
  let sub18 = (add12 - m_next);
  let f = exp(sub18);
  let n = work_buf[26u * sizes.B * sizes.T + 9u * sizes.B + read_slot * sizes.B + i0 * 1u + i1];
  let mul31 = (vec4f(f) * n);
  let sub16 = (i_pre - m_next);
  let i = exp(sub16);
  let k = work_buf[32u * sizes.B * sizes.T + 11u * sizes.B + tau * sizes.B + i0 * 1u + i1];
  let mul32 = (vec4f(i) * k);
  let sqrt28 = sqrt(4.0);
  let div33 = (mul32 / vec4f(sqrt28));
  let n_next = (mul31 + div33);
  work_buf[26u * sizes.B * sizes.T + 9u * sizes.B + write_slot * sizes.B + i0 * 1u + i1] = n_next;
}
