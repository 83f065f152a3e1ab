// mlstm_l0_head0_step_2: one time step of mlstm_l0_head0: m' (mlstm.cell:16)
// one thread per element of [B, 1]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = 0u;
  let i0 = id;
  let i_pre = work_buf[108u * sizes.B * sizes.T + 36u * sizes.B + tau * sizes.B + i0 * 1u + i1];
  let f_pre = work_buf[116u * sizes.B * sizes.T + 44u * sizes.B + tau * sizes.B + i0 * 1u + i1];
  let neg9 = -(f_pre);
  let softplus10 = (max(neg9, 0.0) + log(1.0 + exp(-abs(neg9))));
  let log_f = -(softplus10);
  let m = work_buf[84u * sizes.B * sizes.T + 16u * sizes.B + read_slot * sizes.B + i0 * 1u + i1];
  let add12 = (log_f + m);
  let sub13 = (add12 - i_pre);
  let relu14 = max(sub13, 0.0);
  let m_next = (i_pre + relu14);
  work_buf[84u * sizes.B * sizes.T + 16u * sizes.B + write_slot * sizes.B + i0 * 1u + i1] = m_next;
}
